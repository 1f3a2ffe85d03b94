// GET /v1/reports/summary over the caller's jurisdiction or a division within it, and the case
// list (个案) links each figure opens: the list's own URL filters, so the list shows what was counted.
import { keepPreviousData } from '@tanstack/react-query';
import { $api } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type Summary = paths['/v1/reports/summary']['get']['responses'][200]['content']['application/json'];
export type Stage = keyof Summary['casesByStage'];
export type PathwayCount = keyof Summary['casesByPathway'];
type CaseListQuery = NonNullable<paths['/v1/cases']['get']['parameters']['query']>;
export type CaseListFilter = Partial<
  Pick<
    CaseListQuery,
    'stage' | 'pathway' | 'division' | 'overdueDepartment' | 'subsidy' | 'registeredMonth' | 'closedMonth'
  >
>;

/** The summary over a division within the caller's (default: theirs); the last one stays shown while the next loads. */
export function useSummary(division: string | undefined) {
  return $api.useQuery(
    'get',
    '/v1/reports/summary',
    { params: { query: division ? { division } : {} } },
    { placeholderData: keepPreviousData },
  );
}

/** The 个案 list's URL for these filters (empty ones left out). */
export function caseListHref(filter: CaseListFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, String(value));
  const search = params.toString();
  return search ? `/cases?${search}` : '/cases';
}
