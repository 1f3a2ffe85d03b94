// POST /v1/cases/import: the roster file sent as it is (text/csv), one report row per data row.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { ImportReport } from '../reasons';

export function useImportRoster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ csv, idempotencyKey }: { csv: string; idempotencyKey: string }): Promise<ImportReport> => {
      const { data } = await api.POST('/v1/cases/import', {
        params: { header: { 'idempotency-key': idempotencyKey } },
        body: csv,
        // The roster as read from the file: openapi-fetch would otherwise send it as a JSON string.
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases') }),
  });
}
