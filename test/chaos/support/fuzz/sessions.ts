// Sessions for the fuzzer: real accounts signed in through POST /auth/login, sent as a browser sends
// them (the cookie, and the CSRF token with every request). Requests are generated before they are
// sent, and a fuzzed sign-out or password change may end a session meanwhile, so a request names
// its session by a placeholder that the runner resolves as it sends; before each batch the pool
// signs in again wherever a session has ended (with a new account when the old one is locked out).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../../db/database.js';
import type { Principal } from '../../../../domain/access.js';
import { type Session, type TestUser, createTestUser, login, sessionCookieOf } from '../../../support/accounts.js';

const PLACEHOLDER = /\{\{(session|csrf):(\d+)\}\}/g;

export class SessionPool {
  private readonly users: TestUser[] = [];
  private readonly live: Session[] = [];

  private constructor(
    private readonly app: FastifyInstance,
    private readonly db: Db,
    readonly principals: Principal[],
  ) {}

  static async create(app: FastifyInstance, db: Db, principals: Principal[]): Promise<SessionPool> {
    const pool = new SessionPool(app, db, principals);
    for (let i = 0; i < principals.length; i++) await pool.signInAgain(i);
    return pool;
  }

  get size(): number {
    return this.principals.length;
  }

  /** The headers of session i, as placeholders; `csrfOf` names the session whose token is sent. */
  headers(i: number, csrfOf: number | null = i): Record<string, string> {
    return { cookie: `session={{session:${i}}}`, ...(csrfOf !== null ? { 'x-csrf-token': `{{csrf:${csrfOf}}}` } : {}) };
  }

  /** The headers with the sessions' current values in place of their placeholders. */
  resolve(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [
        k,
        v.replace(PLACEHOLDER, (_, what: string, i: string) => {
          const s = this.live[Number(i)]!;
          return what === 'session' ? s.secret : s.csrfToken;
        }),
      ]),
    );
  }

  /** Signs in again for every session that has ended. */
  async revive(): Promise<void> {
    for (let i = 0; i < this.size; i++) {
      const s = this.live[i]!;
      const res = await this.app.inject({ url: '/auth/session', cookies: { session: s.secret } });
      if (res.statusCode !== 200) await this.signInAgain(i);
    }
  }

  private async signInAgain(i: number): Promise<void> {
    let user = this.users[i];
    let res = user ? await login(this.app, user.username, user.password) : null;
    if (!res || res.statusCode !== 200) {
      // Locked out by fuzzed password changes, or its password changed: a fresh account.
      user = await createTestUser(this.db, this.principals[i]!);
      this.users[i] = user;
      res = await login(this.app, user.username, user.password);
    }
    const cookie = sessionCookieOf(res);
    if (res.statusCode !== 200 || !cookie) throw new Error(`fuzz session ${i}: sign-in answered ${res.statusCode}`);
    this.live[i] = { secret: cookie.value, csrfToken: res.json<{ csrfToken: string }>().csrfToken, res };
  }
}
