// The shared services every route uses, as decorations with types. Their owners (the entry
// point or the test) create and close them; the API never opens a connection of its own.
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { WebhookRetry } from '../../activities/webhooks/activities.js';
import type { Db } from '../../db/database.js';

/** The Temporal client that starts cases and sends them actions, and the task queue cases run on. */
export interface TemporalDeps {
  client: Client;
  taskQueue: string;
  /** How the webhook deliveries the API enqueues are retried (default: DEFAULT_WEBHOOK_CONFIG's). */
  webhookRetry?: WebhookRetry;
}

export interface ServiceOptions {
  db: Db;
  temporal: TemporalDeps;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    temporal: TemporalDeps;
  }
}

export const servicesPlugin = fp<ServiceOptions>(
  async (app: FastifyInstance, opts) => {
    app.decorate('db', opts.db);
    app.decorate('temporal', opts.temporal);
  },
  { name: 'services' },
);
