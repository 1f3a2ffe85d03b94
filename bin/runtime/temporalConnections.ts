// Connections to Temporal: plain for the dev server and a self-hosted cluster, mTLS or an API key
// for Temporal Cloud.
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config.js';
import { workflowClientInterceptors } from './tracing.js';

function tlsOptions(config: Config) {
  const t = config.temporalTls;
  if (!t) return {};
  if (t.apiKey) return { tls: true as const, apiKey: t.apiKey };
  if (!t.certPath || !t.keyPath) throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together');
  return { tls: { clientCertPair: { crt: readFileSync(t.certPath), key: readFileSync(t.keyPath) } } };
}

export async function connectClient(
  config: Config,
  address: string,
): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address, ...tlsOptions(config) });
  const client = new Client({
    connection,
    namespace: config.temporalNamespace,
    interceptors: { workflow: workflowClientInterceptors() },
  });
  return { client, connection };
}

export function connectWorker(config: Config, address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address, ...tlsOptions(config) });
}
