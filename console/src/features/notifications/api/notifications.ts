// My notifications (GET /v1/notifications) and marking them read; the bell's unread count.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { queryKeys } from '../../../api/queryKeys';

export type Notification =
  paths['/v1/notifications']['get']['responses'][200]['content']['application/json']['items'][number];

/** The bell counts up to this many unread; beyond, it says 99+. */
export const BELL_LIMIT = 99;

export function useNotifications(unreadOnly: boolean) {
  return $api.useQuery('get', '/v1/notifications', {
    params: { query: { limit: 100, ...(unreadOnly ? { unread: true } : {}) } },
  });
}

export function useUnreadCount(enabled: boolean) {
  return $api.useQuery(
    'get',
    '/v1/notifications',
    { params: { query: { unread: true, limit: BELL_LIMIT + 1 } } },
    { enabled, refetchInterval: 60_000 },
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { ids: string[] } | { all: true }) => {
      await api.POST('/v1/notifications/read', { body });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/notifications') }),
  });
}
