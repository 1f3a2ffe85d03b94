// The caller's notifications and e-mail preferences: every signed-in user and every bearer token.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { errorResponses } from '../schemas/common.js';
import {
  MarkReadBody,
  MarkReadResult,
  NotificationList,
  NotificationQuery,
  Preferences,
  PreferencesChange,
} from '../schemas/notifications.js';
import {
  type Caller,
  changePreferences,
  getPreferences,
  listNotifications,
  markRead,
} from '../services/notifications.js';

const callerOf = (request: FastifyRequest): Caller => ({
  principal: request.principal,
  userId: request.session?.user.user_id ?? null,
});

export const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: 'your notifications, newest first',
        description:
          'Signed in: the notifications sent to you, each with your own read state. Recipients are the users holding the role, org and jurisdiction ' +
          'the event concerns at the moment it happened (a task opened in your inbox, its reminder and escalation, a review decision on your ' +
          "institution's proposal, a subsidy payment approved, paid or failed, a standard awaiting finance's co-signature). " +
          'With a bearer token (no account): the notifications addressed to its role, org and jurisdiction, read state kept under its subject. ' +
          'No message carries a name or an ID number.',
        querystring: NotificationQuery,
        response: { 200: NotificationList, ...errorResponses },
      },
    },
    async (request) => listNotifications(app.db, callerOf(request), request.query),
  );

  app.post(
    '/v1/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['notifications'],
        summary: 'mark notifications read: {ids: [...]} or {all: true}',
        description: 'Ids that are not yours, or already read, change nothing. Answers how many turned read.',
        body: MarkReadBody,
        response: { 200: MarkReadResult, ...errorResponses },
      },
    },
    async (request) => markRead(app.db, callerOf(request), request.body),
  );

  app.get(
    '/v1/me/preferences',
    {
      schema: {
        operationId: 'getPreferences',
        tags: ['notifications'],
        summary: 'your notification preferences',
        description:
          'For an account (a session, or a bearer token whose sub is a user id); 404 for a token that names none.',
        response: { 200: Preferences, ...errorResponses },
      },
    },
    async (request) => getPreferences(app.db, callerOf(request)),
  );

  app.patch(
    '/v1/me/preferences',
    {
      schema: {
        operationId: 'updatePreferences',
        tags: ['notifications'],
        summary: 'change your notification preferences (e.g. turn the daily e-mail digest off)',
        body: PreferencesChange,
        response: { 200: Preferences, ...errorResponses },
      },
    },
    async (request) => changePreferences(app.db, callerOf(request), request.body),
  );
};
