// The auditor's reads: a case's events in order (GET /v1/cases/{caseId}/history), the chain's
// verification, and the URL of a jurisdiction's export (a plain GET the browser downloads with
// the session cookie; it carries no name or ID number).
import { $api } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type HistoryEvent =
  paths['/v1/cases/{caseId}/history']['get']['responses'][200]['content']['application/json']['items'][number];

export function useHistory(caseId: string, cursor: string | undefined) {
  return $api.useQuery(
    'get',
    '/v1/cases/{caseId}/history',
    { params: { path: { caseId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } },
    { enabled: caseId.length > 0 },
  );
}

export function useVerify(caseId: string) {
  return $api.useQuery(
    'get',
    '/v1/cases/{caseId}/history/verify',
    { params: { path: { caseId } } },
    { enabled: false },
  );
}

export function exportUrl(query: { division?: string; from: string; to: string; format: 'ndjson' | 'csv' }): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, format: query.format });
  if (query.division) params.set('division', query.division);
  return `/v1/audit/export?${params.toString()}`;
}
