// The accounts within the administrator's division (GET /v1/users, cursor pages), and creating,
// changing (disable, enable, move) and resetting the password of one.
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { queryKeys } from '../../../api/queryKeys';
import type { paths } from '../../../api/schema';

type UserListQuery = NonNullable<paths['/v1/users']['get']['parameters']['query']>;
export type UserFilters = Omit<UserListQuery, 'limit' | 'cursor'>;
export type AdminUser = paths['/v1/users']['get']['responses'][200]['content']['application/json']['items'][number];
export type CreateUserBody = paths['/v1/users']['post']['requestBody']['content']['application/json'];
export type UpdateUserBody = paths['/v1/users/{userId}']['patch']['requestBody']['content']['application/json'];
export type UserRole = AdminUser['role'];

export const ROLES = [
  'institution',
  'civil_affairs',
  'finance',
  'department',
  'auditor',
  'admin',
] as const satisfies readonly UserRole[];

export const USER_PAGE_SIZE = 100;

export function useUserList(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['get', '/v1/users', { infinite: true, ...filters }],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const query = { ...filters, limit: USER_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) };
      const { data } = await api.GET('/v1/users', { params: { query } });
      return data!;
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.path('/v1/users') });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async (body: CreateUserBody) => (await api.POST('/v1/users', { body })).data!,
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async ({ userId, body }: { userId: string; body: UpdateUserBody }) =>
      (await api.PATCH('/v1/users/{userId}', { params: { path: { userId } }, body })).data!,
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: async (userId: string) =>
      (await api.POST('/v1/users/{userId}/reset-password', { params: { path: { userId } }, body: {} })).data!,
    onSuccess: invalidate,
  });
}
