// 规则建议: the pathway the rules recommend, their reasons, and the policy version they applied.
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGlossary } from '../../../shared/glossary';
import { useRecommendationReasons } from '../../../shared/recommendationReasons';
import type { Recommendation } from '../api/caseActions';

export function RecommendationCard({ recommendation }: { recommendation: Recommendation }) {
  const { t } = useTranslation();
  const word = useGlossary();
  const reasonsOf = useRecommendationReasons();
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label={t('caseActions.recommendation.pathway')}>
        <strong>{word('pathway', recommendation.pathway)}</strong>
        {recommendation.meetsDestituteCriteria ? (
          <Tag className="recommendation__tag">{t('caseActions.recommendation.meetsDestitute')}</Tag>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('caseActions.recommendation.reasons')}>
        <ul className="recommendation__reasons">
          {reasonsOf(recommendation).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </Descriptions.Item>
      <Descriptions.Item label={t('caseActions.recommendation.policy')}>
        {t('caseActions.recommendation.policyVersion', {
          division: recommendation.policy.division,
          effectiveFrom: recommendation.policy.effectiveFrom,
        })}
      </Descriptions.Item>
    </Descriptions>
  );
}
