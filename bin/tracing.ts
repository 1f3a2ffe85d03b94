// Preloaded by the API and worker commands (`node --import ./dist/bin/tracing.js ...`), so that
// tracing starts before pg and Fastify load. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; the
// exporter reads the other OTEL_EXPORTER_OTLP_* variables itself.
import { basename } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { startTracing } from './runtime/tracing.js';

// The worker's workflow threads inherit the preload: they send their spans through the main thread.
if (isMainThread && process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  // resettlement-api, resettlement-worker, resettlement-start; OTEL_SERVICE_NAME overrides it.
  const entry = basename(process.argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, '');
  const tracing = await startTracing({ serviceName: `resettlement-${entry}` });
  // The last batch is sent once the process has stopped its work, before it exits.
  let flushed = false;
  process.on('beforeExit', () => {
    if (flushed) return;
    flushed = true;
    void tracing.shutdown();
  });
}
