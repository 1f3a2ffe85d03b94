// The administrator's user routes (API.md v1.1): list, create, change (disable, enable, move) and
// reset the password of the accounts within the administrator's division.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { EmptyBody } from '../schemas/actions.js';
import { errorResponses } from '../schemas/common.js';
import {
  CreateUserBody,
  CreatedUser,
  PasswordReset,
  UpdateUserBody,
  User,
  UserIdParams,
  UserList,
  UserListQuery,
} from '../schemas/users.js';
import { createUserByAdmin, listUsers, resetPasswordByAdmin, updateUserByAdmin } from '../services/userAdmin.js';

const JURISDICTION =
  'An administrator acts only within its own division: accounts outside it answer 404, and a division outside it in the body 403 ' +
  '(no account, an administrator included, is made or moved above its jurisdiction). ' +
  "Role, org and division follow the rule of bearer tokens: a department's org is one of the 11 department codes.";

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('preHandler', async (request) => {
    if (!hasPermission(request.principal, 'users.manage'))
      throw forbidden(`role ${request.principal.role} does not manage accounts: only admin does`);
  });

  app.get(
    '/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'list the accounts within your division, oldest first',
        description:
          'Accounts of your division and the divisions below it; filter by role, org, disabled, or a division within yours (400 otherwise). ' +
          'Pages follow creation order; pass `nextCursor` back as `cursor` for the next one.',
        querystring: UserListQuery,
        response: { 200: UserList, ...errorResponses },
      },
    },
    async (request) => listUsers(app.db, request.principal, request.query),
  );

  app.post(
    '/v1/users',
    {
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary: 'create an account with a one-time password, shown this once',
        description:
          'Answers 201 with the account and its oneTimePassword, which is shown only in this answer; the first sign-in must change it. ' +
          `409 for a username taken in any case. ${JURISDICTION}`,
        body: CreateUserBody,
        response: { 201: CreatedUser, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createUserByAdmin(app.db, request.principal, request.body);
      request.log.info({ userId: created.userId }, 'account created');
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/v1/users/:userId',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'change an account: its name, e-mail, role, org, division, or disable it',
        description:
          'disabled: true ends all its sessions at once (its next request answers 401); false enables it again. ' +
          `A change of role, org or division counts from the account's next request. An administrator cannot disable itself or change its own role or division. ${JURISDICTION}`,
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => {
      const user = await updateUserByAdmin(app.db, request.principal, request.params.userId, request.body);
      request.log.info({ userId: user.userId }, 'account changed');
      return user;
    },
  );

  app.post(
    '/v1/users/:userId/reset-password',
    {
      schema: {
        operationId: 'resetUserPassword',
        tags: ['users'],
        summary: 'give an account a new one-time password, shown this once; its sessions end',
        description:
          "The account's sessions end and its sign-in lockout is lifted; the next sign-in must change the password. " +
          `409 for an account that signs in only through the identity provider. ${JURISDICTION}`,
        params: UserIdParams,
        body: EmptyBody,
        response: { 200: PasswordReset, ...errorResponses },
      },
    },
    async (request) => {
      const reset = await resetPasswordByAdmin(app.db, request.principal, request.params.userId);
      request.log.info({ userId: reset.userId }, 'password reset by an administrator');
      return reset;
    },
  );
};
