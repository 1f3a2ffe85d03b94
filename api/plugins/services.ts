// The shared services every route uses, as decorations with types. Their owners (the entry
// point or the test) create and close them; the API never opens a connection of its own.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/database.js';
import type { TemporalDeps } from '../services/registration.js';

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
