// My notification preferences (GET/PATCH /v1/me/preferences): the daily e-mail digest on or off.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';

export function usePreferences() {
  return $api.useQuery('get', '/v1/me/preferences');
}

export function useChangePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { emailDigest: boolean }) => {
      const { data } = await api.PATCH('/v1/me/preferences', { body });
      return data!;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/me/preferences') }),
  });
}
