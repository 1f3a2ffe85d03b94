// Webhook subscriptions for other government systems: administrators, for their own division.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { Type } from 'typebox';
import { errorResponses } from '../schemas/common.js';
import { DeliveryList, WebhookBody, WebhookList, WebhookParams, WebhookView } from '../schemas/webhooks.js';
import { createWebhook, listWebhooks, removeWebhook, webhookDeliveries } from '../services/webhooks.js';

const DESCRIPTION =
  'Each event a subscription asks for, in its division or below, is POSTed once per subscription, signed: ' +
  'x-timestamp (Unix seconds) and x-signature: sha256=<hex HMAC-SHA256 of "timestamp.body" keyed with the secret>; ' +
  'x-webhook-id is the event id (the same on a retry: drop repeats). Retried with exponential backoff; ' +
  'a subscription whose deliveries keep failing is disabled and the division’s administrators are notified. ' +
  'No payload carries a name or an ID number: the case id, the task kind, the due date and a console link.';

export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = (role: string) => {
    if (!hasPermission({ role } as { role: 'admin' }, 'webhooks.manage'))
      throw forbidden('only an administrator manages webhooks');
  };

  app.get(
    '/v1/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        tags: ['webhooks'],
        summary: 'the webhook subscriptions of your division and below (admin)',
        description: DESCRIPTION,
        response: { 200: WebhookList, ...errorResponses },
      },
    },
    async (request) => {
      admin(request.principal.role);
      return listWebhooks(app.db, request.principal);
    },
  );

  app.post(
    '/v1/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags: ['webhooks'],
        summary: 'subscribe a receiver to events of your division or one within it (admin)',
        description: DESCRIPTION,
        body: WebhookBody,
        response: { 201: WebhookView, ...errorResponses },
      },
    },
    async (request, reply) => {
      admin(request.principal.role);
      return reply.status(201).send(await createWebhook(app.db, request.principal, request.body));
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags: ['webhooks'],
        summary: 'delete a subscription (admin); deliveries not yet sent are dropped',
        params: WebhookParams,
        response: { 204: Type.Null({ description: 'deleted; no body' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      admin(request.principal.role);
      await removeWebhook(app.db, request.principal, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks'],
        summary: "a subscription's latest deliveries and their outcome (admin)",
        params: WebhookParams,
        response: { 200: DeliveryList, ...errorResponses },
      },
    },
    async (request) => {
      admin(request.principal.role);
      return webhookDeliveries(app.db, request.principal, request.params.id);
    },
  );
};
