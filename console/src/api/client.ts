// The console's only way to the API: openapi-fetch typed by the generated schema.d.ts (`npm run
// console:api`), same origin, the session cookie sent by the browser. Its middleware adds the
// session's CSRF token to every write, turns any failure into an ApiError (thrown, so TanStack
// Query sees it), and reports a 401 so the app can ask the person to sign in again.
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import { ApiError, apiErrorOf } from './errors';
import type { paths } from './schema';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Answers with 401 that mean "wrong password", not "your session ended". */
const SIGN_IN_PATHS = ['/auth/login', '/auth/password'];

let csrfToken: string | null = null;
const sessionEndListeners = new Set<() => void>();

/** The session's CSRF token, from POST /auth/login or GET /auth/session; null after sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the API answers 401 to a request that needed a session. */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndListeners.add(listener);
  return () => sessionEndListeners.delete(listener);
}

const middleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method) && csrfToken) request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) return response;
    const error = await apiErrorOf(response);
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !SIGN_IN_PATHS.includes(path) && path !== '/auth/session') {
      for (const listener of sessionEndListeners) listener();
    }
    throw error;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    return new ApiError(
      0,
      'NETWORK',
      error instanceof Error ? error.message : String(error),
      undefined,
      undefined,
      undefined,
    );
  },
};

// JSON is the typed answer; the lists' CSV and .xlsx (format=csv|xlsx) are fetched with parseAs: 'blob'.
export const api = createFetchClient<paths, 'application/json'>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(middleware);

/** useQuery / useMutation typed by path: `$api.useQuery('get', '/v1/tasks', { params: { query } })`. */
export const $api = createQueryClient(api);

export type { paths };
