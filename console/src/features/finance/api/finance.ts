// Finance's reads and writes: the disbursement queue (its open 安置补贴发放 tasks, each with the
// case's subsidy), approve (one case; batches in batch.ts), confirm with a voucher number, and the
// standards waiting for its co-signature.
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

export type CaseView = paths['/v1/cases/{caseId}']['get']['responses'][200]['content']['application/json'];
export type Standard =
  paths['/v1/subsidy-standards']['get']['responses'][200]['content']['application/json']['items'][number];

/** The open disbursement tasks of finance's jurisdiction, oldest due first. */
export function useDisbursementTasks() {
  return $api.useQuery('get', '/v1/tasks', { params: { query: { status: 'open', limit: 500 } } });
}

export function useCases(caseIds: string[]) {
  return useQueries({
    queries: caseIds.map((caseId) => $api.queryOptions('get', '/v1/cases/{caseId}', { params: { path: { caseId } } })),
  });
}

export function useRefreshQueue() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/tasks') }),
      queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases/{caseId}') }),
    ]);
}

export async function approveDisbursement(caseId: string, idempotencyKey: string) {
  const { data } = await api.POST('/v1/cases/{caseId}/disbursement/approve', {
    params: { path: { caseId }, header: { 'idempotency-key': idempotencyKey } },
    body: {},
  });
  return data!;
}

export function useConfirmDisbursement() {
  const refresh = useRefreshQueue();
  return useMutation({
    mutationFn: async ({
      caseId,
      voucherNo,
      idempotencyKey,
    }: {
      caseId: string;
      voucherNo: string;
      idempotencyKey: string;
    }) => {
      const { data } = await api.POST('/v1/cases/{caseId}/disbursement/confirm', {
        params: { path: { caseId }, header: { 'idempotency-key': idempotencyKey } },
        body: { voucherNo },
      });
      return data!;
    },
    onSuccess: refresh,
  });
}

export function useProposedStandards() {
  return $api.useQuery('get', '/v1/subsidy-standards', { params: { query: { status: 'proposed', limit: 500 } } });
}

export function useCosign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, idempotencyKey }: { id: string; idempotencyKey: string }) => {
      const { data } = await api.POST('/v1/subsidy-standards/{id}/cosign', {
        params: { path: { id }, header: { 'idempotency-key': idempotencyKey } },
        body: {},
      });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/subsidy-standards') }),
  });
}
