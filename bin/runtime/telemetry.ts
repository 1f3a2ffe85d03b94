// The process's metrics: one prom-client registry per process (the API's metrics, the activities'
// counters, Node.js's own), served on METRICS_PORT apart from the public API; and the Temporal
// SDK's own metrics (temporal_*), which its Rust core serves on TEMPORAL_METRICS_PORT. Two
// endpoints because the core's exporter cannot take metrics from Node, nor prom-client the core's.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuntimeOptions } from '@temporalio/worker';
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Config } from './config.js';

export interface ProcessMetrics {
  registry: Registry;
  /** Where /metrics is served, or null when METRICS_PORT is unset. */
  url: string | null;
  close(): Promise<void>;
}

/** A registry with Node.js's process metrics (unprefixed, as Node.js dashboards expect them). */
export function createProcessRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Serves the registry at GET /metrics, and GET /healthz for a liveness probe of a process that has
 * no HTTP API of its own (the worker). Nothing else: 404.
 */
export async function serveMetrics(registry: Registry, host: string, port: number): Promise<ProcessMetrics> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: unknown) => res.writeHead(500).end(`metrics failed: ${err instanceof Error ? err.message : 'error'}`),
      );
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    registry,
    url: `http://${shown}:${bound}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would otherwise hold the close for its idle timeout.
        server.closeIdleConnections();
      }),
  };
}

/** The process registry, served when METRICS_PORT is set. */
export async function startProcessMetrics(config: Config): Promise<ProcessMetrics> {
  const registry = createProcessRegistry();
  if (config.metricsPort === undefined) return { registry, url: null, close: async () => {} };
  return serveMetrics(registry, config.host, config.metricsPort);
}

/**
 * The SDK's Prometheus exporter at host:port, with Prometheus's naming conventions as Temporal's
 * own SDK dashboards expect them: durations in seconds with a `_seconds` suffix, counters with
 * `_total` (temporal_workflow_task_schedule_to_start_latency_seconds, temporal_sticky_cache_hit_total).
 */
export function sdkPrometheus(bindAddress: string) {
  return { bindAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true };
}

/** The SDK's telemetry for Runtime.install(), before any connection; off unless TEMPORAL_METRICS_PORT is set. */
export function sdkTelemetry(config: Config): Pick<RuntimeOptions, 'telemetryOptions'> {
  if (config.temporalMetricsPort === undefined) return {};
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return { telemetryOptions: { metrics: { prometheus: sdkPrometheus(`${host}:${config.temporalMetricsPort}`) } } };
}
