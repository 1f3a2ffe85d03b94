// The caller's own account, whether it came with the session cookie or a bearer token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Me } from '../schemas/auth.js';
import { errorResponses } from '../schemas/common.js';
import { meOfToken, meOfUser } from '../services/accounts.js';

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/me',
    {
      // Open while the password must be changed: the console learns from here that it must ask.
      config: { allowWhilePasswordMustChange: true },
      schema: {
        operationId: 'getMe',
        tags: ['sign-in'],
        summary: 'who you are: your account (session) or your token (bearer)',
        description:
          "With the session cookie: the signed-in user's account, read afresh (a role or division changed by an administrator shows at once). " +
          "With a bearer token: the token's claims; userId is its sub, username and displayName are null, since a token names no account, and mustChangePassword is false.",
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => (request.session ? meOfUser(request.session.user) : meOfToken(request.principal)),
  );
};
