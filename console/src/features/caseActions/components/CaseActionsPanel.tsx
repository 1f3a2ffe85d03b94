// What the signed-in person may do to this case now, for the case page to render beneath its
// read-only layout: the institution's assessment, then the rules' recommendation and the proposal,
// the bank account its task asks for, corrections and the withdrawal (civil affairs may correct
// and withdraw too). The API decides in the end; a refusal is shown where it happened.
import { Card, Collapse, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../../shared/session';
import { type CaseView, recommendationOf, useSubmitProposal } from '../api/caseActions';
import { AssessmentForm } from './AssessmentForm';
import { BankAccountForm } from './BankAccountForm';
import { CorrectionForm } from './CorrectionForm';
import { ProposalForm } from './ProposalForm';
import { RecommendationCard } from './RecommendationCard';
import { WithdrawForm } from './WithdrawForm';

const ENDED = new Set(['closed', 'withdrawn']);

export function CaseActionsPanel({ caseData }: { caseData: CaseView }) {
  const { t } = useTranslation();
  const user = useUser();
  const propose = useSubmitProposal(caseData.caseId);
  const institution = user.role === 'institution';
  const mayCorrect = institution || user.role === 'civil_affairs';
  const recommendation = recommendationOf(caseData);
  const inAssessment = caseData.stage === 'assessment';
  const bankTask = caseData.tasks.find(
    (task) => task.status === 'open' && (task.kind === 'provide_bank_account' || task.kind === 'correct_bank_account'),
  );
  const ended = ENDED.has(caseData.stage);
  if (!mayCorrect) return null;

  const title = (text: string) => <Typography.Title level={2}>{text}</Typography.Title>;
  return (
    <section aria-label={t('caseActions.title')} className="case-actions">
      {institution && inAssessment && !recommendation ? (
        <Card title={title(t('caseActions.assessment.title'))} className="case-actions__card">
          <AssessmentForm caseId={caseData.caseId} />
        </Card>
      ) : null}
      {recommendation && inAssessment ? (
        <Card title={title(t('caseActions.recommendation.title'))} className="case-actions__card">
          <RecommendationCard recommendation={recommendation} />
        </Card>
      ) : null}
      {institution && inAssessment && recommendation ? (
        <Card title={title(t('caseActions.proposal.title'))} className="case-actions__card">
          <ProposalForm
            key={`${recommendation.pathway}-${recommendation.policy.policyId}`}
            recommended={recommendation.pathway}
            onSubmit={(body) => propose.mutateAsync(body)}
          />
        </Card>
      ) : null}
      {institution && bankTask ? (
        <Card
          title={title(t(`glossary.taskKind.${bankTask.kind as 'provide_bank_account'}`))}
          className="case-actions__card"
        >
          <BankAccountForm caseId={caseData.caseId} correcting={bankTask.kind === 'correct_bank_account'} />
        </Card>
      ) : null}
      {!ended ? (
        <Collapse
          className="case-actions__card"
          items={[
            {
              key: 'correct',
              label: t('caseActions.correction.title'),
              children: <CorrectionForm caseId={caseData.caseId} seriousIllness={caseData.person.seriousIllness} />,
            },
            {
              key: 'withdraw',
              label: t('caseActions.withdrawal.title'),
              children: <WithdrawForm caseId={caseData.caseId} />,
            },
          ]}
        />
      ) : null}
    </section>
  );
}
