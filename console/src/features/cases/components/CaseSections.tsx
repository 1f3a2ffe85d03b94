// The sections of the case page: the person, assessment with the rules' recommendation and the
// institution's proposal, civil affairs' reviews, the subsidy, the tasks with their lights, and the
// timeline of every recorded event.
import { Card, Descriptions, Empty, List, Table, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { DeadlineTag } from '../../../shared/components/DeadlineTag';
import { deadlineLight, formatDate, formatDateTime, formatFen } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { useRecommendationReasons } from '../../../shared/recommendationReasons';
import type { CaseView, HistoryEvent } from '../api/cases';
import {
  type Actor,
  type AssessmentPart,
  type ProposalPart,
  type RecommendationPart,
  type ReviewPart,
  asPart,
  asParts,
} from '../api/caseParts';

type Task = CaseView['tasks'][number];

function useYesNo() {
  const { t } = useTranslation();
  return (v: boolean | undefined) => (v === undefined ? t('common.none') : v ? t('common.yes') : t('common.no'));
}

export function useActor() {
  const word = useGlossary();
  return (a: Actor | undefined) => (a ? `${word('role', a.role)} ${a.org ?? ''} (${a.division ?? ''})` : '');
}

const SectionTitle = ({ children }: { children: string }) => (
  <Typography.Title level={2} className="section-title">
    {children}
  </Typography.Title>
);

export function PersonSection({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const yesNo = useYesNo();
  const p = c.person;
  return (
    <Card title={<SectionTitle>{t('casePage.person')}</SectionTitle>} className="case-card">
      <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
        <Descriptions.Item label={t('cases.name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('cases.idNumber')}>{p.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('casePage.sex')}>{word('sex', p.sex)}</Descriptions.Item>
        <Descriptions.Item label={t('casePage.birthDate')}>{formatDate(p.birthDate)}</Descriptions.Item>
        <Descriptions.Item label={t('casePage.hukou')}>{word('hukou', p.hukouType)}</Descriptions.Item>
        <Descriptions.Item label={t('casePage.disability')}>
          {p.disability
            ? `${word('disability', p.disability.category)} ${word('disabilityGrade', p.disability.grade)}`
            : t('casePage.noDisability')}
        </Descriptions.Item>
        <Descriptions.Item label={t('casePage.seriousIllness')}>{yesNo(p.seriousIllness)}</Descriptions.Item>
        <Descriptions.Item label={t('casePage.education')}>{formatDate(p.inFullTimeEducationUntil)}</Descriptions.Item>
        <Descriptions.Item label={t('cases.adulthoodDate')}>{formatDate(c.adulthoodDate)}</Descriptions.Item>
        {p.bankAccount ? (
          <Descriptions.Item label={t('casePage.bankAccount')}>
            {`${p.bankAccount.bank} ${p.bankAccount.accountNo}`}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
}

export function AssessmentSection({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const reasonsOf = useRecommendationReasons();
  const yesNo = useYesNo();
  const actor = useActor();
  const assessment = asPart<AssessmentPart>(c.assessment);
  const recommendation = asPart<RecommendationPart>(c.recommendation);
  const proposal = asPart<ProposalPart>(c.proposal);
  return (
    <Card title={<SectionTitle>{t('casePage.assessment')}</SectionTitle>} className="case-card">
      {assessment ? (
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('casePage.canLiveIndependently')}>
            {yesNo(assessment.canLiveIndependently)}
          </Descriptions.Item>
          <Descriptions.Item label={t('casePage.hasIncome')}>{yesNo(assessment.hasIncome)}</Descriptions.Item>
          <Descriptions.Item label={t('casePage.hasLegalSupporter')}>
            {yesNo(assessment.hasLegalSupporter)}
          </Descriptions.Item>
          <Descriptions.Item label={t('casePage.wishes')}>{word('wish', assessment.wishes)}</Descriptions.Item>
          <Descriptions.Item label={t('casePage.selfCare')}>{word('selfCare', assessment.selfCare)}</Descriptions.Item>
          <Descriptions.Item label={t('casePage.submittedAt')}>
            {formatDateTime(assessment.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('casePage.basis')} span={3}>
            {assessment.basis}
          </Descriptions.Item>
          <Descriptions.Item label={t('casePage.assessedBy')}>{actor(assessment.submittedBy)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph>{t('casePage.noAssessment')}</Typography.Paragraph>
      )}
      {recommendation ? (
        <>
          <Typography.Title level={3} className="section-subtitle">
            {t('casePage.recommendation')}
          </Typography.Title>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('cases.pathway')}>{word('pathway', recommendation.pathway)}</Descriptions.Item>
            <Descriptions.Item label={t('casePage.meetsDestituteCriteria')}>
              {yesNo(recommendation.meetsDestituteCriteria)}
            </Descriptions.Item>
            <Descriptions.Item label={t('casePage.reasons')} span={2}>
              {reasonsOf(recommendation).join('；')}
            </Descriptions.Item>
            <Descriptions.Item label={t('casePage.policyVersion')} span={2}>
              {recommendation.policy
                ? `${recommendation.policy.name ?? ''} ${recommendation.policy.division ?? ''} ${formatDate(recommendation.policy.effectiveFrom)}`
                : ''}
            </Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
      <Typography.Title level={3} className="section-subtitle">
        {t('casePage.proposal')}
      </Typography.Title>
      {proposal ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('cases.pathway')}>{word('pathway', proposal.pathway)}</Descriptions.Item>
          <Descriptions.Item label={t('casePage.submittedAt')}>
            {formatDateTime(proposal.submittedAt)}
          </Descriptions.Item>
          {proposal.reason ? (
            <Descriptions.Item label={t('casePage.proposalReason')} span={2}>
              {proposal.reason}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : (
        <Typography.Paragraph>{t('casePage.noProposal')}</Typography.Paragraph>
      )}
    </Card>
  );
}

export function ReviewsSection({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const actor = useActor();
  const reviews = asParts<ReviewPart>(c.reviews);
  return (
    <Card title={<SectionTitle>{t('casePage.reviews')}</SectionTitle>} className="case-card">
      <List
        dataSource={reviews}
        locale={{ emptyText: <span className="table-empty">{t('casePage.noReviews')}</span> }}
        renderItem={(r) => (
          <List.Item>
            <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small">
              <Descriptions.Item label={t('casePage.decision')}>{word('review', r.decision)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.pathway')}>{word('pathway', r.pathway)}</Descriptions.Item>
              <Descriptions.Item label={t('casePage.reviewedBy')}>{actor(r.reviewedBy)}</Descriptions.Item>
              <Descriptions.Item label={t('casePage.at')}>{formatDateTime(r.reviewedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('casePage.opinion')} span={4}>
                {r.comment}
              </Descriptions.Item>
            </Descriptions>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function SubsidySection({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const s = c.subsidy;
  return (
    <Card title={<SectionTitle>{t('casePage.subsidy')}</SectionTitle>} className="case-card">
      {s ? (
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('casePage.amount')}>{formatFen(s.amountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('glossary.subsidy.regionalShare')}>
            {formatFen(s.regionalShareFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('glossary.subsidy.localShare')}>{formatFen(s.localShareFen)}</Descriptions.Item>
          <Descriptions.Item label={t('casePage.standard')}>{s.standardId}</Descriptions.Item>
          <Descriptions.Item label={t('casePage.status')}>{word('subsidyStatus', s.status)}</Descriptions.Item>
          <Descriptions.Item label={t('glossary.subsidy.voucherNo')}>
            {s.voucherNo ?? t('common.none')}
          </Descriptions.Item>
          {s.failureReason ? (
            <Descriptions.Item label={t('casePage.failureReason')}>{s.failureReason}</Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : (
        <Typography.Paragraph>{t('casePage.noSubsidy')}</Typography.Paragraph>
      )}
    </Card>
  );
}

export function TasksSection({ c, now }: { c: CaseView; now: Date }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const columns: ColumnsType<Task> = [
    { title: t('workbench.columns.kind'), key: 'kind', render: (_, task) => word('taskKind', task.kind) },
    {
      title: t('workbench.columns.department'),
      key: 'department',
      render: (_, task) => (task.department ? word('department', task.department) : word('role', task.assigneeRole)),
    },
    { title: t('workbench.columns.dueAt'), key: 'dueAt', render: (_, task) => formatDateTime(task.dueAt) },
    { title: t('workbench.columns.status'), key: 'status', render: (_, task) => word('taskStatus', task.status) },
    {
      title: t('workbench.columns.light'),
      key: 'light',
      render: (_, task) => <DeadlineTag light={deadlineLight(task, now)} />,
    },
    { title: t('casePage.outcome'), key: 'outcome', render: (_, task) => task.outcome ?? task.blockReason ?? '' },
    { title: t('casePage.note'), key: 'note', render: (_, task) => task.note ?? '' },
  ];
  return (
    <Card title={<SectionTitle>{t('casePage.tasks')}</SectionTitle>} className="case-card">
      <Table<Task>
        rowKey="taskId"
        size="small"
        columns={columns}
        dataSource={c.tasks}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span className="table-empty">{t('casePage.noTasks')}</span> }}
      />
    </Card>
  );
}

export function TimelineSection({ events, loading }: { events: HistoryEvent[]; loading: boolean }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const actor = useActor();
  return (
    <Card title={<SectionTitle>{t('casePage.timeline')}</SectionTitle>} className="case-card" loading={loading}>
      {events.length === 0 ? (
        <Empty description={<span className="table-empty">{t('casePage.noTimeline')}</span>} />
      ) : (
        <Timeline
          items={events.map((e) => ({
            key: e.seq,
            content: (
              <>
                <Typography.Text strong>{word('eventType', e.action)}</Typography.Text>
                {e.action === 'stage.changed' && typeof e.data.to === 'string' ? (
                  <Typography.Text>{` → ${word('stage', e.data.to)}`}</Typography.Text>
                ) : null}
                <div className="timeline-meta">{`${formatDateTime(e.at)} · ${actor(e.actor)}`}</div>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
