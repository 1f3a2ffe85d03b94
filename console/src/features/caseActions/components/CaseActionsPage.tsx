// 办理 (cases/:caseId/actions): the case's actions on a page of their own, with the little of the
// case a clerk needs to know it is the right one (name, ID number as the API shows it, stage).
import { Descriptions, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { useGlossary } from '../../../shared/glossary';
import { useCase } from '../api/caseActions';
import { CaseActionsPanel } from './CaseActionsPanel';

export function CaseActionsPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const { caseId = '' } = useParams();
  const found = useCase(caseId);
  const c = found.data;
  return (
    <>
      <Typography.Title level={1}>{t('caseActions.pageTitle')}</Typography.Title>
      <ErrorAlert error={found.error} />
      {found.isLoading ? <Skeleton active /> : null}
      {c ? (
        <>
          <Descriptions column={2} bordered size="small" className="case-actions__summary">
            <Descriptions.Item label={t('caseActions.summary.name')}>{c.person.name}</Descriptions.Item>
            <Descriptions.Item label={t('caseActions.summary.idNumber')}>{c.person.idNumber}</Descriptions.Item>
            <Descriptions.Item label={t('caseActions.summary.stage')}>{word('stage', c.stage)}</Descriptions.Item>
            <Descriptions.Item label={t('caseActions.summary.pathway')}>{word('pathway', c.pathway)}</Descriptions.Item>
          </Descriptions>
          <CaseActionsPanel caseData={c} />
        </>
      ) : null}
    </>
  );
}
