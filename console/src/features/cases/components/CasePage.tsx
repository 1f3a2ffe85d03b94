// The case page: who (as masked as the API says), where, the step bar of its life, then every
// part of the case the caller may see, and the 打印审批表 print view.
import { Alert, Button, Card, Descriptions, Space, Steps, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { useGlossary } from '../../../shared/glossary';
import { useSession } from '../../../shared/session/session';
import { type WithdrawalPart, asPart } from '../api/caseParts';
import { useCase, useCaseHistory } from '../api/cases';
import {
  AssessmentSection,
  PersonSection,
  ReviewsSection,
  SubsidySection,
  TasksSection,
  TimelineSection,
} from './CaseSections';
import { lifecycleSteps } from './lifecycle';

export function CasePage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const navigate = useNavigate();
  const { state } = useSession();
  // The institution acts on its cases (assessment, proposal, bank account, corrections, withdrawal)
  // on the 办理 page; the case page is where it finds them.
  const acts = state.status === 'signedIn' && state.user.role === 'institution';
  // The auditor goes from a case to its hash-chained 审计轨迹 (and its 完整性校验).
  const audits = state.status === 'signedIn' && state.user.role === 'auditor';
  const caseId = useParams().caseId ?? '';
  const query = useCase(caseId);
  const history = useCaseHistory(caseId);
  const now = useMemo(() => new Date(), [query.dataUpdatedAt]);
  const c = query.data;

  return (
    <>
      <Space className="page-actions">
        <Link to="/cases">{t('casePage.back')}</Link>
      </Space>
      <Typography.Title level={1}>
        {c ? `${c.person.name} · ${t('casePage.title')}` : t('casePage.title')}
      </Typography.Title>
      <ErrorAlert error={query.error} />
      {c ? (
        <>
          <Card className="case-card">
            <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small">
              <Descriptions.Item label={t('cases.idNumber')}>{c.person.idNumber}</Descriptions.Item>
              <Descriptions.Item label={t('cases.division')}>{c.division}</Descriptions.Item>
              <Descriptions.Item label={t('cases.institution')}>{c.institutionId}</Descriptions.Item>
              <Descriptions.Item label={t('cases.stage')}>
                <Tag>{word('stage', c.stage)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.pathway')}>{word('pathway', c.pathway)}</Descriptions.Item>
            </Descriptions>
            <CaseSteps stage={c.stage} pathway={c.pathway} withdrawal={asPart<WithdrawalPart>(c.withdrawal)} />
            <Space>
              {acts ? (
                <Button type="primary" onClick={() => void navigate(`/cases/${encodeURIComponent(c.caseId)}/actions`)}>
                  {t('caseActions.title')}
                </Button>
              ) : null}
              {audits ? (
                <Button
                  type="primary"
                  onClick={() => void navigate(`/audit?${new URLSearchParams({ caseId: c.caseId }).toString()}`)}
                >
                  {t('nav.auditTrail')}
                </Button>
              ) : null}
              <Button onClick={() => void navigate(`/cases/${encodeURIComponent(c.caseId)}/print`)}>
                {t('casePage.print')}
              </Button>
            </Space>
          </Card>
          <PersonSection c={c} />
          <AssessmentSection c={c} />
          <ReviewsSection c={c} />
          <SubsidySection c={c} />
          <TasksSection c={c} now={now} />
          <ErrorAlert error={history.error} />
          <TimelineSection events={history.data?.items ?? []} loading={history.isLoading} />
        </>
      ) : null}
    </>
  );
}

function CaseSteps({
  stage,
  pathway,
  withdrawal,
}: {
  stage: string;
  pathway: string | null;
  withdrawal: WithdrawalPart | null;
}) {
  const { t } = useTranslation();
  const word = useGlossary();
  if (stage === 'withdrawn') {
    return (
      <Alert
        type="warning"
        showIcon
        className="case-steps"
        title={t('casePage.withdrawn')}
        description={
          withdrawal
            ? `${t('casePage.withdrawalReason')}: ${word('withdrawal', withdrawal.reason)} ${withdrawal.note ?? ''}`
            : undefined
        }
      />
    );
  }
  const { steps, current } = lifecycleSteps(stage, pathway);
  return (
    <Steps
      className="case-steps"
      size="small"
      current={current}
      status={stage === 'closed' ? 'finish' : 'process'}
      items={steps.map((key) => ({ title: t(`casePage.steps.${key}`) }))}
    />
  );
}
