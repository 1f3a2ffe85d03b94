// `npm start`: tracing first (when OTEL_EXPORTER_OTLP_ENDPOINT is set), then the launcher, loaded
// only once tracing can wrap pg and Fastify as they load. The compiled API and worker preload
// bin/tracing.ts with `node --import` instead; from TypeScript sources that preload would also
// reach the worker's workflow threads, which tsx does not serve.
import './tracing.js';

await import('./start.js');
