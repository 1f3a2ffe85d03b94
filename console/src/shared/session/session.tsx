// Who is signed in, for every page: read from GET /auth/session when the console loads, set by
// the sign-in, cleared by sign-out. When the API answers 401 mid-work the session is "expired": the
// page stays mounted (a form keeps what was typed) and the sign-in opens above it.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSessionEnded, setCsrfToken } from '../../api/client';
import type { paths } from '../../api/schema';
import { queryKeys } from '../../api/queryKeys';

export type SessionInfo = paths['/auth/session']['get']['responses'][200]['content']['application/json'];
export type User = SessionInfo['user'];
export type Role = User['role'];

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: User }
  | { status: 'expired'; user: User };

interface SessionContextValue {
  state: SessionState;
  /** After POST /auth/login answered. */
  signedIn: (info: SessionInfo) => void;
  /** POST /auth/logout, then the sign-in page. */
  signOut: () => Promise<void>;
  /** After the password change: the session goes on without the gate. */
  passwordChanged: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api.GET('/auth/session').then(
      ({ data }) => {
        if (cancelled || !data) return;
        setCsrfToken(data.csrfToken);
        setState({ status: 'signedIn', user: data.user });
      },
      () => {
        // 401 (no session) or the server cannot be reached: either way, the sign-in page.
        if (!cancelled) setState({ status: 'signedOut' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(
    () =>
      onSessionEnded(() =>
        setState((current) =>
          current.status === 'signedIn' || current.status === 'expired'
            ? { status: 'expired', user: current.user }
            : current,
        ),
      ),
    [],
  );

  const signedIn = useCallback(
    (info: SessionInfo) => {
      setCsrfToken(info.csrfToken);
      setState((current) => {
        const sameUser = current.status === 'expired' && current.user.userId === info.user.userId;
        // Someone else at the shared PC sees nothing cached for the one before.
        if (!sameUser) queryClient.removeQueries({ queryKey: queryKeys.all() });
        else void queryClient.invalidateQueries();
        return { status: 'signedIn', user: info.user };
      });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.POST('/auth/logout');
    } catch {
      // An ended session is signed out already.
    }
    setCsrfToken(null);
    queryClient.removeQueries({ queryKey: queryKeys.all() });
    setState({ status: 'signedOut' });
  }, [queryClient]);

  const passwordChanged = useCallback(() => {
    setState((current) =>
      current.status === 'signedIn'
        ? { status: 'signedIn', user: { ...current.user, mustChangePassword: false } }
        : current,
    );
  }, []);

  const value = useMemo(
    () => ({ state, signedIn, signOut, passwordChanged }),
    [state, signedIn, signOut, passwordChanged],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (pages inside the shell only). */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'signedIn' && state.status !== 'expired') throw new Error('useUser without a session');
  return state.user;
}
