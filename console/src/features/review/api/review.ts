// Civil affairs' review: the cases waiting for it (GET /v1/cases?stage=review), one case in full,
// and the decision (POST /v1/cases/{caseId}/review).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';
import type { ReasonCode } from '../../../shared/recommendationReasons';

export type CaseView = paths['/v1/cases/{caseId}']['get']['responses'][200]['content']['application/json'];
export type ReviewBody = paths['/v1/cases/{caseId}/review']['post']['requestBody']['content']['application/json'];
export type Decision = ReviewBody['decision'];

export interface Assessment {
  canLiveIndependently: boolean;
  basis: string;
  hasIncome: boolean;
  hasLegalSupporter?: boolean;
  wishes: 'social_placement' | 'centralized_support';
  selfCare: 'full' | 'partial' | 'none';
  submittedAt: string;
}
export interface Recommendation {
  pathway: string;
  meetsDestituteCriteria: boolean;
  reasons: string[];
  reasonCodes?: ReasonCode[];
  policy: { division: string; effectiveFrom: string };
}
export interface Proposal {
  pathway: string;
  reason: string | null;
  differsFromRecommendation: boolean;
  submittedAt: string;
}
export interface Review {
  decision: Decision;
  comment: string;
  reviewedBy: { sub: string; role: string; org: string };
  reviewedAt: string;
}

export const REVIEW_PAGE = 50;

export function useReviewQueue(division: string | undefined, cursor: string | undefined) {
  return $api.useQuery('get', '/v1/cases', {
    params: {
      query: { stage: 'review', limit: REVIEW_PAGE, ...(division ? { division } : {}), ...(cursor ? { cursor } : {}) },
    },
  });
}

export function useCase(caseId: string) {
  return $api.useQuery('get', '/v1/cases/{caseId}', { params: { path: { caseId } } });
}

export function useReview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReviewBody): Promise<CaseView> => {
      const { data } = await api.POST('/v1/cases/{caseId}/review', { params: { path: { caseId } }, body });
      return data!;
    },
    onSettled: async () => {
      // Approved, or refused because someone else decided first: either way the case moved on.
      await queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases/{caseId}') });
      await queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases') });
      await queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/tasks') });
    },
  });
}
