// The department's 待办 / 已办 (GET /v1/tasks, oldest due first), one task with the case summary it
// may see, and the assignee's actions: 办结 complete, 报告阻碍 block, 转办 reassign. Every action
// carries an Idempotency-Key made when its form opens, so a double click acts once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { $api, api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

export type Task = paths['/v1/tasks']['get']['responses'][200]['content']['application/json']['items'][number];
export type InboxStatus = 'open' | 'overdue' | 'done';

export const INBOX_PAGE = 50;

export function useTaskPage(query: { status: InboxStatus; caseId?: string; cursor?: string }) {
  return $api.useQuery('get', '/v1/tasks', { params: { query: { ...query, limit: INBOX_PAGE } } });
}

export function useTask(taskId: string) {
  return $api.useQuery('get', '/v1/tasks/{taskId}', { params: { path: { taskId } } });
}

export function useCaseOfTask(caseId: string | undefined) {
  return $api.useQuery(
    'get',
    '/v1/cases/{caseId}',
    { params: { path: { caseId: caseId ?? '' } } },
    { enabled: Boolean(caseId) },
  );
}

function useRefreshTasks() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/tasks') }),
      queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/tasks/{taskId}') }),
      queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/cases/{caseId}') }),
    ]);
}

export interface Keyed<T> {
  taskId: string;
  idempotencyKey: string;
  body: T;
}

export function useCompleteTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: async ({ taskId, idempotencyKey, body }: Keyed<{ outcome: string; note: string }>) => {
      const { data } = await api.POST('/v1/tasks/{taskId}/complete', {
        params: { path: { taskId }, header: { 'idempotency-key': idempotencyKey } },
        body,
      });
      return data!;
    },
    onSuccess: refresh,
  });
}

export function useBlockTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: async ({ taskId, idempotencyKey, body }: Keyed<{ reason: string }>) => {
      const { data } = await api.POST('/v1/tasks/{taskId}/block', {
        params: { path: { taskId }, header: { 'idempotency-key': idempotencyKey } },
        body,
      });
      return data!;
    },
    onSuccess: refresh,
  });
}

export function useReassignTask() {
  const refresh = useRefreshTasks();
  return useMutation({
    mutationFn: async ({
      taskId,
      idempotencyKey,
      body,
    }: Keyed<{ assigneeSub?: string; division?: string; reason: string }>) => {
      const { data } = await api.POST('/v1/tasks/{taskId}/reassign', {
        params: { path: { taskId }, header: { 'idempotency-key': idempotencyKey } },
        body,
      });
      return data!;
    },
    onSuccess: refresh,
  });
}
