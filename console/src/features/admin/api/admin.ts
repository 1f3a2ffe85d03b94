// The official calendar's years (GET /v1/calendar/years, PUT /v1/calendar/{year}), the policy
// versions (GET /v1/policies) and the webhook subscriptions with their deliveries.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

export type YearBody = paths['/v1/calendar/{year}']['put']['requestBody']['content']['application/json'];
export type CalendarDay = YearBody['days'][number];
export type PolicyList = paths['/v1/policies']['get']['responses'][200]['content']['application/json'];
export type Policy = PolicyList['policies'][number];
export type PolicyVersion = Policy['versions'][number];
export type Webhook = paths['/v1/webhooks']['get']['responses'][200]['content']['application/json']['items'][number];
export type WebhookBody = paths['/v1/webhooks']['post']['requestBody']['content']['application/json'];
export type Delivery =
  paths['/v1/webhooks/{id}/deliveries']['get']['responses'][200]['content']['application/json']['items'][number];

export const WEBHOOK_EVENTS = [
  'task_assigned',
  'reminder',
  'escalation',
  'decision',
  'payment',
  'cosignature',
] as const satisfies readonly WebhookBody['events'][number][];
export const WEBHOOK_FORMATS = ['json', 'wecom', 'dingtalk'] as const satisfies readonly WebhookBody['format'][];

export function useCalendarYears() {
  return $api.useQuery('get', '/v1/calendar/years');
}

export function useLoadCalendarYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ year, body }: { year: number; body: YearBody }) =>
      (await api.PUT('/v1/calendar/{year}', { params: { path: { year } }, body })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/calendar/years') }),
  });
}

export function usePolicies() {
  return $api.useQuery('get', '/v1/policies');
}

export function useWebhooks() {
  return $api.useQuery('get', '/v1/webhooks');
}

export function useWebhookDeliveries(id: string | null) {
  return $api.useQuery(
    'get',
    '/v1/webhooks/{id}/deliveries',
    { params: { path: { id: id ?? '' } } },
    { enabled: id !== null },
  );
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: WebhookBody) => (await api.POST('/v1/webhooks', { body })).data!,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/webhooks') }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/webhooks') }),
  });
}
