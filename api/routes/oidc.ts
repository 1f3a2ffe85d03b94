// GET /auth/oidc/login and GET /auth/oidc/callback, present when OIDC_ISSUER is set: the browser
// is sent to the identity provider and comes back with a code, which ends in the same session
// cookie as POST /auth/login (api/services/oidc.ts has the flow and why the state is a cookie).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { envelope } from '../plugins/errorHandler.js';
import { ErrorEnvelope } from '../schemas/common.js';
import {
  OIDC_STATE_COOKIE,
  OIDC_STATE_PATH,
  type OidcOptions,
  OidcSignIn,
  accountForSubject,
} from '../services/oidc.js';
import { setSessionCookie, startSession } from '../services/sessions.js';

const Redirect = Type.Null({ description: 'a redirect (Location header); no body' });
const Param = Type.Optional(Type.String({ maxLength: 2048 }));

export const oidcRoutes: FastifyPluginAsyncTypebox<OidcOptions> = async (app, options) => {
  const oidc = new OidcSignIn(options);
  const stateCookie = (secure: boolean) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    path: OIDC_STATE_PATH,
    secure,
  });
  const providerDown = (requestId: string, err: unknown) => {
    app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'identity provider unreachable');
    return envelope('INTERNAL', 'the identity provider did not answer: try again later', requestId);
  };

  app.get(
    '/auth/oidc/login',
    {
      schema: {
        operationId: 'startOidcSignIn',
        tags: ['sign-in'],
        summary: 'sign in through the identity provider (a browser navigation, not a fetch)',
        description:
          'Redirects (302) to the identity provider with an authorization code request (PKCE S256, state, nonce). ' +
          `The login state is kept in the HttpOnly cookie ${OIDC_STATE_COOKIE} (path ${OIDC_STATE_PATH}, 10 minutes), never in a URL. ` +
          '502 when the identity provider cannot be reached.',
        security: [],
        response: { 302: Redirect, 429: ErrorEnvelope, 500: ErrorEnvelope, 502: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      let started: Awaited<ReturnType<OidcSignIn['start']>>;
      try {
        started = await oidc.start();
      } catch (err) {
        return reply.code(502).send(providerDown(request.id, err));
      }
      reply.setCookie(OIDC_STATE_COOKIE, started.cookie, {
        ...stateCookie(request.protocol === 'https'),
        maxAge: 600,
      });
      return reply.code(302).header('cache-control', 'no-store').redirect(started.url);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      schema: {
        operationId: 'finishOidcSignIn',
        tags: ['sign-in'],
        summary: "the identity provider's redirect back: ends in the session cookie",
        description:
          'Exchanges the code (with the PKCE verifier, and the state and nonce checked), maps the claims to role, org and division ' +
          '(the same rule as bearer tokens), makes or updates the account of the provider subject (no password), starts a session ' +
          '(the same cookie as POST /auth/login) and redirects to the console. 400 when the sign-in was not started here or is older than 10 minutes; ' +
          '403 FORBIDDEN when the provider refused or its claims do not make a valid account (details name the claim); 401 when its answer does not verify.',
        security: [],
        querystring: Type.Object(
          { code: Param, state: Param, iss: Param, error: Param, error_description: Param, session_state: Param },
          { additionalProperties: true },
        ),
        response: {
          302: Redirect,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          429: ErrorEnvelope,
          500: ErrorEnvelope,
          502: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const sealed = request.cookies[OIDC_STATE_COOKIE];
      // Used once, whatever the outcome.
      reply.clearCookie(OIDC_STATE_COOKIE, stateCookie(request.protocol === 'https'));
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      let who: Awaited<ReturnType<OidcSignIn['finish']>>;
      try {
        who = await oidc.finish(query, sealed);
      } catch (err) {
        if (err instanceof Error && err.name === 'DomainError') throw err;
        return reply.code(502).send(providerDown(request.id, err));
      }
      const mapped = oidc.mapClaims(who.claims);
      const user = await accountForSubject(app.db, who, mapped);
      const session = await startSession(app.db, user, {
        method: 'oidc',
        address: request.ip,
        settings: app.signInSettings.sessions,
      });
      request.log.info(
        { userId: user.user_id, sessionId: session.sessionId },
        'signed in through the identity provider',
      );
      setSessionCookie(reply, request, session.secret);
      return reply
        .code(302)
        .header('cache-control', 'no-store')
        .redirect(options.afterSignIn ?? '/');
    },
  );
};
