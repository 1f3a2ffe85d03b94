// The case list (GET /v1/cases, cursor pages), the same list narrowed by a name or a full ID number
// (POST /v1/cases/search: the term in the body, never in a URL), one case, and its timeline.
import { useInfiniteQuery } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import type { paths } from '../../../api/schema';

type CaseListQuery = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;
export type CaseSummary = paths['/v1/cases']['get']['responses'][200]['content']['application/json']['items'][number];
export type CaseView = paths['/v1/cases/{caseId}']['get']['responses'][200]['content']['application/json'];
export type HistoryEvent =
  paths['/v1/cases/{caseId}/history']['get']['responses'][200]['content']['application/json']['items'][number];
export type CaseFilters = Omit<CaseListQuery, 'limit' | 'cursor'>;

/** Both ways equal, or a compile error: the lists below are the generated schema's enums. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAs = <A, B>(same: Same<A, B>) => same;

export const STAGES = [
  'awaiting_adulthood',
  'transition_planning',
  'assessment',
  'deferred',
  'review',
  'social_placement',
  'destitute_support',
  'placed',
  'supported',
  'closed',
  'withdrawn',
] as const;
sameAs<(typeof STAGES)[number], NonNullable<CaseListQuery['stage']>>(true);
export const PATHWAYS = ['social_placement', 'destitute_centralized', 'destitute_dispersed'] as const;
sameAs<(typeof PATHWAYS)[number], NonNullable<CaseSummary['pathway']>>(true);
/** The pathway filter: a pathway, or `none` (no pathway approved yet). */
export const PATHWAY_FILTERS = [...PATHWAYS, 'none'] as const;
sameAs<(typeof PATHWAY_FILTERS)[number], NonNullable<CaseListQuery['pathway']>>(true);
export const DEPARTMENT_FILTERS = [
  'civil_affairs',
  'education',
  'public_security',
  'justice',
  'finance',
  'hrss',
  'housing',
  'agriculture',
  'veterans',
  'medical_insurance',
  'disabled_federation',
  'institution',
] as const;
sameAs<(typeof DEPARTMENT_FILTERS)[number], NonNullable<CaseListQuery['overdueDepartment']>>(true);
export const SUBSIDY_FILTERS = ['paid', 'owed'] as const;
sameAs<(typeof SUBSIDY_FILTERS)[number], NonNullable<CaseListQuery['subsidy']>>(true);

export const CASE_PAGE_SIZE = 50;

/**
 * Pages of the list, each asked for with the previous page's cursor (none for the first); with a
 * search term `q`, the same list narrowed by POST /v1/cases/search (the term travels in the body).
 */
export function useCaseList(filters: CaseFilters, q: string | null = null) {
  return useInfiniteQuery({
    queryKey:
      q === null
        ? ['get', '/v1/cases', { infinite: true, ...filters }]
        : ['post', '/v1/cases/search', { q, ...filters }],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const query = { ...filters, limit: CASE_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) };
      if (q !== null) {
        const { data } = await api.POST('/v1/cases/search', { body: { q, ...query } });
        return data!;
      }
      const { data } = await api.GET('/v1/cases', { params: { query } });
      return data!;
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCase(caseId: string) {
  return $api.useQuery('get', '/v1/cases/{caseId}', { params: { path: { caseId } } });
}

export function useCaseHistory(caseId: string) {
  return $api.useQuery('get', '/v1/cases/{caseId}/history', {
    params: { path: { caseId }, query: { limit: 500 } },
  });
}
