// 打印审批表: the case on one A4 sheet as the paper form has it, with blank lines for the signatures
// and the seal. Outside the shell, so nothing but the form prints.
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDate, formatDateTime, formatFen } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { useRecommendationReasons } from '../../../shared/recommendationReasons';
import {
  type AssessmentPart,
  type ProposalPart,
  type RecommendationPart,
  type ReviewPart,
  asPart,
  asParts,
} from '../api/caseParts';
import { useCase } from '../api/cases';

export function PrintFormPage() {
  const { t } = useTranslation();
  const word = useGlossary();
  const reasonsOf = useRecommendationReasons();
  const caseId = useParams().caseId ?? '';
  const query = useCase(caseId);
  const c = query.data;
  if (!c) {
    return (
      <main className="print-page">
        <ErrorAlert error={query.error} />
      </main>
    );
  }
  const p = c.person;
  const assessment = asPart<AssessmentPart>(c.assessment);
  const recommendation = asPart<RecommendationPart>(c.recommendation);
  const proposal = asPart<ProposalPart>(c.proposal);
  const reviews = asParts<ReviewPart>(c.reviews);
  const yesNo = (v: boolean | undefined) => (v ? t('common.yes') : t('common.no'));

  return (
    <main className="print-page">
      <Space className="print-actions">
        <Button type="primary" onClick={() => window.print()}>
          {t('printForm.print')}
        </Button>
        <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{t('printForm.back')}</Link>
      </Space>
      <article className="a4">
        <h1 className="a4__title">{t('printForm.title')}</h1>
        <p className="a4__meta">
          {`${t('printForm.caseId')}: ${c.caseId}  ${t('printForm.printedAt')}: ${formatDateTime(new Date())}`}
        </p>
        <table className="a4__table">
          <tbody>
            <tr>
              <th scope="row">{t('printForm.name')}</th>
              <td>{p.name}</td>
              <th scope="row">{t('printForm.sex')}</th>
              <td>{word('sex', p.sex)}</td>
              <th scope="row">{t('printForm.birthDate')}</th>
              <td>{formatDate(p.birthDate)}</td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.idNumber')}</th>
              <td colSpan={3}>{p.idNumber}</td>
              <th scope="row">{t('printForm.hukou')}</th>
              <td>{word('hukou', p.hukouType)}</td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.disability')}</th>
              <td colSpan={2}>
                {p.disability
                  ? `${word('disability', p.disability.category)} ${word('disabilityGrade', p.disability.grade)}`
                  : t('casePage.noDisability')}
              </td>
              <th scope="row">{t('printForm.institution')}</th>
              <td colSpan={2}>{c.institutionId}</td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.assessment')}</th>
              <td colSpan={5}>
                {assessment
                  ? `${t('casePage.canLiveIndependently')}: ${yesNo(assessment.canLiveIndependently)}；${t('casePage.hasIncome')}: ${yesNo(assessment.hasIncome)}；${t('casePage.wishes')}: ${word('wish', assessment.wishes)}；${t('casePage.selfCare')}: ${word('selfCare', assessment.selfCare)}；${assessment.basis ?? ''}（${formatDate(assessment.submittedAt)}）`
                  : t('casePage.noAssessment')}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.recommendation')}</th>
              <td colSpan={5}>
                {recommendation
                  ? `${word('pathway', recommendation.pathway)}：${reasonsOf(recommendation).join('；')}（${recommendation.policy?.name ?? ''} ${formatDate(recommendation.policy?.effectiveFrom)}）`
                  : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.proposal')}</th>
              <td colSpan={5}>
                {proposal
                  ? `${word('pathway', proposal.pathway)}${proposal.reason ? `：${proposal.reason}` : ''}（${formatDate(proposal.submittedAt)}）`
                  : t('casePage.noProposal')}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.review')}</th>
              <td colSpan={5}>
                {reviews.length
                  ? reviews.map((r, i) => (
                      <div
                        key={i}
                      >{`${word('review', r.decision)}：${r.comment ?? ''}（${formatDate(r.reviewedAt)}）`}</div>
                    ))
                  : t('casePage.noReviews')}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('printForm.subsidy')}</th>
              <td colSpan={5}>
                {c.subsidy
                  ? `${formatFen(c.subsidy.amountFen)}（${t('glossary.subsidy.regionalShare')} ${formatFen(c.subsidy.regionalShareFen)}，${t('glossary.subsidy.localShare')} ${formatFen(c.subsidy.localShareFen)}）`
                  : t('casePage.noSubsidy')}
              </td>
            </tr>
          </tbody>
        </table>
        <div className="a4__signatures">
          {(['handler', 'head', 'seal'] as const).map((k) => (
            <div key={k} className="a4__signature">
              <span>{t(`printForm.${k}`)}：</span>
              <span className="a4__line" />
              <span>{t('printForm.date')}：</span>
              <span className="a4__line a4__line--short" />
            </div>
          ))}
        </div>
      </article>
    </main>
  );
}
