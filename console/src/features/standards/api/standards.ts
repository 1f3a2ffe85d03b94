// GET /v1/subsidy-standards (every version, public policy) and POST (civil affairs proposes).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

export type ProposeBody = paths['/v1/subsidy-standards']['post']['requestBody']['content']['application/json'];

/** Every version, up to 500 (the region has about a hundred divisions, each changing rarely). */
export function useStandards() {
  return $api.useQuery('get', '/v1/subsidy-standards', { params: { query: { limit: 500 } } });
}

export function useProposeStandard() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: ProposeBody; idempotencyKey: string }) => {
      const { data } = await api.POST('/v1/subsidy-standards', {
        params: { header: { 'idempotency-key': idempotencyKey } },
        body,
      });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/subsidy-standards') }),
  });
}
