// The API's Prometheus metrics, registered in the registry the entry point serves on its own port
// (bin/runtime/telemetry.ts): never on the public port. Request durations by route pattern and
// status (fastify-metrics), Update refusals by code, and the workload read from PostgreSQL at
// scrape time. Labels are bounded sets only: a route pattern, never a URL with a case in it.
import type { FastifyInstance } from 'fastify';
import fastifyMetricsModule from 'fastify-metrics';
import fp from 'fastify-plugin';
import { Counter, Gauge, Registry } from 'prom-client';
import { casesInProgress, overdueTasksByDepartment } from '../../db/repositories/workload.js';

export interface MetricsOptions {
  /** The process's registry; a private one when absent (tests, tools), which nothing serves. */
  registry?: Registry;
}

export interface ApiMetrics {
  /** A case refused an Update (validator or handler): counted by error code and route pattern. */
  updateRefused(code: string, route: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiMetrics: ApiMetrics;
  }
}

// A CommonJS module whose plugin is its `default` export: from ESM that is a property of the module.
const fastifyMetrics = fastifyMetricsModule.default;

/** Scrapes closer together than this share one read of the workload. */
const WORKLOAD_TTL_MS = 5_000;

export const metricsPlugin = fp<MetricsOptions>(
  async (app: FastifyInstance, opts) => {
    const registry = opts.registry ?? new Registry();
    await app.register(fastifyMetrics, {
      endpoint: null,
      defaultMetrics: { enabled: false },
      routeMetrics: {
        enabled: { histogram: true, summary: false },
        // Unknown URLs (404s of scanners) would each add a series: only registered routes count.
        registeredRoutesOnly: true,
        overrides: {
          histogram: {
            name: 'resettlement_http_request_duration_seconds',
            help: 'API request duration by method, route pattern and status code',
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
            registers: [registry],
          },
          summary: { registers: [] },
        },
      },
    });

    const refusals = new Counter({
      name: 'resettlement_update_refusals_total',
      help: 'Actions a case refused (an Update rejected by its validator or handler), by error code and route pattern',
      labelNames: ['code', 'route'],
      registers: [registry],
    });
    app.decorate('apiMetrics', { updateRefused: (code, route) => refusals.inc({ code, route }) });

    registerWorkloadGauges(app, registry);
  },
  { name: 'api-metrics', dependencies: ['services'] },
);

function registerWorkloadGauges(app: FastifyInstance, registry: Registry): void {
  const readErrors = new Counter({
    name: 'resettlement_workload_read_errors_total',
    help: 'Scrapes whose workload gauges could not be read from PostgreSQL (the gauges are then absent)',
    registers: [registry],
  });
  let cached: { at: number; read: ReturnType<typeof readWorkload> } | null = null;
  const workload = () => {
    if (!cached || Date.now() - cached.at > WORKLOAD_TTL_MS) {
      const read = readWorkload(app);
      cached = { at: Date.now(), read };
      // A failed read is not kept: the next scrape tries again.
      read.catch(() => {
        if (cached?.read === read) cached = null;
      });
    }
    return cached.read;
  };

  new Gauge({
    name: 'resettlement_cases',
    help: 'Cases in progress (not closed nor withdrawn) by stage and pathway ("none" before one is approved), read from PostgreSQL at scrape time',
    labelNames: ['stage', 'pathway'],
    registers: [registry],
    async collect() {
      this.reset();
      const w = await workload().catch((err: unknown) => {
        readErrors.inc();
        app.log.warn({ err }, 'could not read the workload for the metrics');
        return null;
      });
      for (const c of w?.cases ?? []) this.set({ stage: c.stage, pathway: c.pathway ?? 'none' }, c.cases);
    },
  });
  new Gauge({
    name: 'resettlement_overdue_tasks',
    help: 'Open or blocked tasks past their due time, by department ("institution" for institution tasks), read from PostgreSQL at scrape time',
    labelNames: ['department'],
    registers: [registry],
    async collect() {
      this.reset();
      // The read error (if any) was counted by the cases gauge, which shares this read.
      const w = await workload().catch(() => null);
      for (const d of w?.overdue ?? []) this.set({ department: d.department }, d.tasks);
    },
  });
}

async function readWorkload(app: FastifyInstance) {
  const [cases, overdue] = await Promise.all([casesInProgress(app.db), overdueTasksByDepartment(app.db)]);
  return { cases, overdue };
}
