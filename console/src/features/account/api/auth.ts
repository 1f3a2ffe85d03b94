// The sign-in routes, as mutations.
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { SessionInfo } from '../../../shared/session';

export function useLogin() {
  return useMutation({
    mutationFn: async (body: { username: string; password: string }): Promise<SessionInfo> => {
      const { data } = await api.POST('/auth/login', { body });
      return data!;
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { currentPassword: string; newPassword: string }) => {
      await api.POST('/auth/password', { body });
    },
  });
}
