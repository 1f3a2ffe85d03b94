// The demo acts as its users do: each signs in through POST /auth/login and sends its requests
// with the session cookie and the CSRF token, through the running app's own routes (inject: the
// same hooks, validation, scope rules and workflows as a request over the network).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Method = 'GET' | 'POST' | 'PATCH';

export class DemoRequestError extends Error {
  override name = 'DemoRequestError';
}

export interface DemoSession {
  readonly username: string;
  call(method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** The answer's body, or a DemoRequestError naming the request and the API's message. */
  ok<T = Record<string, unknown>>(method: Method, url: string, body?: unknown, status?: number): Promise<T>;
}

export async function signInAs(app: FastifyInstance, username: string, password: string): Promise<DemoSession> {
  const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new DemoRequestError(`sign-in of ${username}: HTTP ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'session');
  if (!cookie) throw new DemoRequestError(`sign-in of ${username} set no session cookie`);
  const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  const headers = { cookie: `session=${cookie.value}`, 'x-csrf-token': csrfToken };

  const call = (method: Method, url: string, body?: unknown) =>
    app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
  return {
    username,
    call,
    async ok<T>(
      method: Method,
      url: string,
      body?: unknown,
      status = method === 'POST' && url === '/v1/cases' ? 201 : 200,
    ) {
      const r = await call(method, url, body);
      if (r.statusCode !== status)
        throw new DemoRequestError(`${username}: ${method} ${url.replace(/\?.*/, '')}: HTTP ${r.statusCode} ${r.body}`);
      return r.json<T>();
    },
  };
}

/** Polls until `check` holds (a payment answered, a timer fired, a stage projected). */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new DemoRequestError(`gave up waiting ${timeoutMs / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
