// The rules' recommendation reasons in the reader's language: each reason code (the API's
// `reasonCodes`) from the glossary, a disability's category and grades named in it. A case assessed
// before the codes existed carries only `reasons`, the API's English sentences: those are shown as sent.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useGlossary } from './glossary';

export interface ReasonCode {
  code: string;
  category?: string;
  grade?: number;
  maxGrade?: number;
}

export interface RecommendationReasons {
  reasons?: string[];
  reasonCodes?: ReasonCode[];
}

export function useRecommendationReasons(): (recommendation: RecommendationReasons) => string[] {
  const { t, i18n } = useTranslation();
  const word = useGlossary();
  return useCallback(
    ({ reasons = [], reasonCodes }) => {
      if (!reasonCodes) return reasons;
      return reasonCodes.map((r) => {
        const key = `glossary.recommendationReason.${r.code}`;
        if (!i18n.exists(key)) return r.code;
        return (t as unknown as (k: string, o: Record<string, string>) => string)(key, {
          category: word('disability', r.category),
          grade: word('disabilityGrade', r.grade),
          maxGrade: word('disabilityGrade', r.maxGrade),
        });
      });
    },
    [t, i18n, word],
  );
}
