// 审核: the institution's assessment, the rules' recommendation and its proposal side by side, then
// 同意 / 不同意（退回评估） / 退回补充材料 with an opinion. A case that moved on meanwhile (another
// reviewer decided first) is explained, not failed on: what it waits for now and who decided.
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { ErrorAlert } from '../../../shared/components/ErrorAlert';
import { formatDate, formatDateTime } from '../../../shared/format';
import { useGlossary } from '../../../shared/glossary';
import { useRecommendationReasons } from '../../../shared/recommendationReasons';
import {
  type Assessment,
  type CaseView,
  type Decision,
  type Proposal,
  type Recommendation,
  type Review,
  useCase,
  useReview,
} from '../api/review';

const DECISIONS: Decision[] = ['approve', 'reject', 'return'];

export function ReviewPage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const found = useCase(caseId);
  const review = useReview(caseId);
  const [decided, setDecided] = useState<Decision | null>(null);
  const c = found.data;
  const movedOn = review.error instanceof ApiError && review.error.code === 'INVALID_STAGE';

  return (
    <>
      <Typography.Title level={1}>{t('review.title')}</Typography.Title>
      <ErrorAlert error={found.error} />
      {found.isLoading ? <Skeleton active /> : null}
      {c ? (
        <>
          <PersonSummary c={c} />
          <SideBySide c={c} />
          {decided ? (
            <Result
              status="success"
              title={t('review.decided', { decision: t(`glossary.review.${decided}`) })}
              extra={
                <Link to="/reviews">
                  <Button type="primary">{t('review.backToQueue')}</Button>
                </Link>
              }
            />
          ) : movedOn || c.stage !== 'review' ? (
            <MovedOn c={c} refused={movedOn} />
          ) : (
            <Card
              title={<Typography.Title level={2}>{t('review.decision')}</Typography.Title>}
              className="review__decision"
            >
              {review.error ? <ErrorAlert error={review.error} /> : null}
              <Form<{ decision: Decision; comment: string }>
                layout="vertical"
                onFinish={(values) =>
                  review.mutate(
                    { decision: values.decision, comment: values.comment.trim() },
                    { onSuccess: () => setDecided(values.decision) },
                  )
                }
              >
                <Form.Item
                  label={t('review.decisionLabel')}
                  name="decision"
                  rules={[{ required: true, message: t('review.decisionRequired') }]}
                >
                  <Radio.Group options={DECISIONS.map((d) => ({ value: d, label: t(`glossary.review.${d}`) }))} />
                </Form.Item>
                <Form.Item
                  label={t('review.comment')}
                  name="comment"
                  rules={[{ required: true, whitespace: true, message: t('review.commentRequired') }]}
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={review.isPending}>
                  {t('review.submit')}
                </Button>
              </Form>
            </Card>
          )}
        </>
      ) : null}
    </>
  );
}

function PersonSummary({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const word = useGlossary();
  return (
    <Descriptions column={3} bordered size="small" className="review__person">
      <Descriptions.Item label={t('review.columns.name')}>{c.person.name}</Descriptions.Item>
      <Descriptions.Item label={t('review.columns.idNumber')}>{c.person.idNumber}</Descriptions.Item>
      <Descriptions.Item label={t('review.stage')}>{word('stage', c.stage)}</Descriptions.Item>
      <Descriptions.Item label={t('review.sex')}>{word('sex', c.person.sex)}</Descriptions.Item>
      <Descriptions.Item label={t('review.birthDate')}>{formatDate(c.person.birthDate)}</Descriptions.Item>
      <Descriptions.Item label={t('review.hukou')}>{word('hukou', c.person.hukouType)}</Descriptions.Item>
      <Descriptions.Item label={t('review.disability')}>
        {c.person.disability
          ? `${word('disability', c.person.disability.category)} ${word('disabilityGrade', c.person.disability.grade)}`
          : t('common.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('review.seriousIllness')}>
        {c.person.seriousIllness ? t('common.yes') : t('common.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('review.columns.institution')}>{c.institutionId}</Descriptions.Item>
    </Descriptions>
  );
}

function SideBySide({ c }: { c: CaseView }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const reasonsOf = useRecommendationReasons();
  const assessment = c.assessment as Assessment | null;
  const recommendation = c.recommendation as Recommendation | null;
  const proposal = c.proposal as Proposal | null;
  const yesNo = (v: boolean | undefined) => (v ? t('common.yes') : t('common.no'));
  return (
    <Row gutter={16} className="review__columns">
      <SideColumn title={t('review.assessment')}>
        {assessment ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('review.a.canLiveIndependently')}>
              {yesNo(assessment.canLiveIndependently)}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.a.hasIncome')}>{yesNo(assessment.hasIncome)}</Descriptions.Item>
            <Descriptions.Item label={t('review.a.hasLegalSupporter')}>
              {yesNo(assessment.hasLegalSupporter)}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.a.selfCare')}>
              {t(`review.selfCare.${assessment.selfCare}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.a.wishes')}>{t(`review.wish.${assessment.wishes}`)}</Descriptions.Item>
            <Descriptions.Item label={t('review.a.basis')}>{assessment.basis}</Descriptions.Item>
            <Descriptions.Item label={t('review.a.submittedAt')}>
              {formatDateTime(assessment.submittedAt)}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </SideColumn>
      <SideColumn title={t('review.recommendation')}>
        {recommendation ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('review.r.pathway')}>
              <strong>{word('pathway', recommendation.pathway)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('review.r.reasons')}>
              <ul className="recommendation__reasons">
                {reasonsOf(recommendation).map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </Descriptions.Item>
            <Descriptions.Item label={t('review.r.policy')}>
              {t('review.r.policyVersion', {
                division: recommendation.policy.division,
                effectiveFrom: recommendation.policy.effectiveFrom,
              })}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </SideColumn>
      <SideColumn title={t('review.proposal')}>
        {proposal ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('review.p.pathway')}>
              <strong>{word('pathway', proposal.pathway)}</strong>
              {proposal.differsFromRecommendation ? (
                <Tag className="review__differs">{t('review.p.differs')}</Tag>
              ) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.p.reason')}>{proposal.reason ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('review.p.submittedAt')}>
              {formatDateTime(proposal.submittedAt)}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
      </SideColumn>
    </Row>
  );
}

/** One of the three side-by-side columns: its heading, and what it shows or 无. */
function SideColumn({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Col span={8}>
      <Card title={<Typography.Title level={2}>{title}</Typography.Title>} className="review__column">
        {children ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
      </Card>
    </Col>
  );
}

/** The case is no longer waiting for a review: say what it waits for now, and the last decision. */
function MovedOn({ c, refused }: { c: CaseView; refused: boolean }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const reviews = (c.reviews as Review[]) ?? [];
  const last = reviews[reviews.length - 1];
  return (
    <>
      <Alert
        type="warning"
        showIcon
        role="alert"
        className="review__moved-on"
        title={refused ? t('review.movedOn.refused') : t('review.movedOn.notWaiting')}
        description={
          <>
            <div>{t('review.movedOn.stageNow', { stage: word('stage', c.stage) })}</div>
            {last ? (
              <div>
                {t('review.movedOn.lastDecision', {
                  decision: word('review', last.decision),
                  at: formatDateTime(last.reviewedAt),
                  comment: last.comment,
                })}
              </div>
            ) : null}
          </>
        }
      />
      <Link to="/reviews">{t('review.backToQueue')}</Link>
    </>
  );
}
