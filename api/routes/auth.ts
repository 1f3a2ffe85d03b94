// Signing in and out, the session, and one's own password. Outside /v1: these routes make and end
// sessions rather than act on cases, and no answer of theirs is ever stored for an Idempotency-Key
// replay (the sign-in's answer carries the CSRF token).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PASSWORD_RULES } from '../../domain/passwordPolicy.js';
import { unauthenticated } from '../errors.js';
import { envelope } from '../plugins/errorHandler.js';
import { inputGuardPlugin } from '../plugins/inputGuard.js';
import { LoginBody, PasswordChangeBody, SessionInfo } from '../schemas/auth.js';
import { ErrorEnvelope } from '../schemas/common.js';
import { changePassword, meOfUser, wrongCurrentPassword } from '../services/accounts.js';
import {
  type LiveSession,
  SESSION_COOKIE,
  clearSessionCookie,
  csrfTokenFor,
  setSessionCookie,
  signOut,
} from '../services/sessions.js';
import { signInWithPassword } from '../services/signIn.js';

const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorEnvelope]));
const NoContent = Type.Null({ description: 'done; no body' });
const WRONG_CREDENTIALS = 'wrong username or password';

/** 429 with when to try again: a locked username, or an address over its limit. */
function tooMany(reply: FastifyReply, request: FastifyRequest, retryAfterSeconds: number, what: string) {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send(
      envelope('RATE_LIMITED', `too many ${what}: try again in ${retryAfterSeconds} s`, request.id, {
        retryAfterSeconds,
      }),
    );
}
const LOCKED = 'failed sign-ins for this username';

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The same refusal of unstorable text as /v1 (hooks of this plugin's scope only).
  await app.register(inputGuardPlugin);
  const settings = app.signInSettings;
  const sessionOnly = async (request: FastifyRequest) => app.authenticate(request, { sessionOnly: true });
  const sessionInfo = (s: Pick<LiveSession, 'secret' | 'expiresAt'>, user: Parameters<typeof meOfUser>[0]) => ({
    user: meOfUser(user),
    csrfToken: csrfTokenFor(s.secret),
    expiresAt: s.expiresAt.toISOString(),
    idleTimeoutSeconds: settings.sessions.idleTimeoutSeconds,
  });

  // Per client address, over every username (the lockout is per username). A limiter of its own:
  // the app-wide one has already run for the request by the time a route's own would.
  const perAddress = app.createRateLimit({
    ...settings.rateLimit,
    keyGenerator: (request: FastifyRequest) => `sign-in:${request.ip}`,
  });

  app.post(
    '/auth/login',
    {
      onRequest: async (request, reply) => {
        const limit = await perAddress(request);
        if (!limit.isAllowed && limit.isExceeded)
          return tooMany(reply, request, limit.ttlInSeconds, 'sign-in attempts from this address');
      },
      schema: {
        operationId: 'signIn',
        tags: ['sign-in'],
        summary: 'sign in with a username and password',
        description:
          `Answers the user and the session's CSRF token, and sets the session cookie \`${SESSION_COOKIE}\` (HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS); ` +
          'a session cookie sent along is ended, never reused. A wrong username or password: 401 with one message for both. ' +
          'After 5 failures for a username within 15 minutes: 429 RATE_LIMITED with Retry-After until 15 minutes after the last failure, even with the right password. ' +
          `Each client address may also try only ${String(settings.rateLimit.max)} times per ${String(settings.rateLimit.timeWindow)}.`,
        security: [],
        body: LoginBody,
        response: { 200: SessionInfo, ...errors(400, 401, 429, 500) },
      },
    },
    async (request, reply) => {
      const result = await signInWithPassword(
        app.db,
        {
          username: request.body.username,
          password: request.body.password,
          address: request.ip,
          presentedSecret: request.cookies[SESSION_COOKIE],
        },
        settings,
      );
      if (result.outcome === 'locked') return tooMany(reply, request, result.retryAfterSeconds, LOCKED);
      if (result.outcome === 'refused') throw unauthenticated(WRONG_CREDENTIALS);
      request.log.info({ userId: result.user.user_id }, 'signed in');
      setSessionCookie(reply, request, result.session.secret);
      return sessionInfo(result.session, result.user);
    },
  );

  app.post(
    '/auth/logout',
    {
      onRequest: sessionOnly,
      config: { allowWhilePasswordMustChange: true },
      schema: {
        operationId: 'signOut',
        tags: ['sign-in'],
        summary: 'sign out: the session ends on the server',
        description: "A write: send the session's x-csrf-token. The cookie is cleared too.",
        security: [{ session: [] }],
        response: { 204: NoContent, ...errors(401, 403, 429, 500) },
      },
    },
    async (request, reply) => {
      await signOut(app.db, request.session!);
      request.log.info({ userId: request.session!.user.user_id }, 'signed out');
      clearSessionCookie(reply, request);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password',
    {
      onRequest: sessionOnly,
      config: { allowWhilePasswordMustChange: true },
      schema: {
        operationId: 'changePassword',
        tags: ['sign-in'],
        summary: 'change your own password; your other sessions end',
        description:
          `The new password: ${PASSWORD_RULES}; it must differ from the current one. ` +
          "A wrong currentPassword answers 403 with error.details.field = currentPassword and counts towards the username's lockout (then 429). " +
          "This session goes on; the user's other sessions end. A write: send the session's x-csrf-token.",
        security: [{ session: [] }],
        body: PasswordChangeBody,
        response: { 204: NoContent, ...errors(400, 401, 403, 429, 500) },
      },
    },
    async (request, reply) => {
      const session = request.session!;
      const result = await changePassword(app.db, session, request.body, request.ip, settings);
      if (result.outcome === 'locked') return tooMany(reply, request, result.retryAfterSeconds, LOCKED);
      if (result.outcome === 'wrong_password') throw wrongCurrentPassword();
      request.log.info({ userId: session.user.user_id }, 'password changed');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      onRequest: sessionOnly,
      config: { allowWhilePasswordMustChange: true },
      schema: {
        operationId: 'getSession',
        tags: ['sign-in'],
        summary: 'the current session: its user and CSRF token (for a page that was reloaded)',
        description: 'The same answer as the sign-in, for the session the cookie carries.',
        security: [{ session: [] }],
        response: { 200: SessionInfo, ...errors(401, 429, 500) },
      },
    },
    async (request) => sessionInfo(request.session!, request.session!.user),
  );
};
