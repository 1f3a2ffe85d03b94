// POST /v1/cases: register a youth and start the case.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

export type RegisterBody = paths['/v1/cases']['post']['requestBody']['content']['application/json'];
export type RegisteredCase = paths['/v1/cases']['post']['responses'][201]['content']['application/json'];

export function useRegisterCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RegisterBody): Promise<RegisteredCase> => {
      const { data } = await api.POST('/v1/cases', { body });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases') }),
  });
}
