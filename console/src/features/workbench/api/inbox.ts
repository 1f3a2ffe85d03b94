// What waits for the signed-in person: their open tasks, oldest due first (GET /v1/tasks).
import { $api } from '../../../api/client';
import type { paths } from '../../../api/schema';

export type Task = paths['/v1/tasks']['get']['responses'][200]['content']['application/json']['items'][number];

/** How many open tasks the workbench reads at once: its counts say "200+" beyond. */
export const WORKBENCH_PAGE = 200;

export function useOpenTasks(enabled: boolean) {
  return $api.useQuery(
    'get',
    '/v1/tasks',
    { params: { query: { status: 'open', limit: WORKBENCH_PAGE } } },
    { enabled },
  );
}
