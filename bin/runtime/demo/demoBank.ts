// The demo's payments go to a bank that answers. With the default manual gateway finance pays by
// hand and no bank ever refuses anything, so a demo started without PAYMENT_GATEWAY=http pays
// through the local fake bank (tools/fake-bank, as `npm run fake-bank` serves it), in this process,
// on a free port, with its journal under DATA_DIR so payments it made survive a restart. The fake
// bank pays every account except those starting 0000, which it refuses as not existing: that is
// the demo's failed payment, a real answer of a real HTTP gateway.
import { join } from 'node:path';
import { startFakeBank } from '../../../tools/fake-bank/fakeBank.js';
import type { Config } from '../config.js';

export async function demoPayments(
  config: Config,
  env: NodeJS.ProcessEnv,
): Promise<{ config: Config; stop: (() => Promise<void>) | null; note: string }> {
  if (env.PAYMENT_GATEWAY === 'http') return { config, stop: null, note: `payments: ${config.paymentServiceUrl}` };
  const journalPath = join(config.dataDir, 'demo-bank.ndjson');
  const bank = await startFakeBank({ host: '127.0.0.1', port: 0, journalPath });
  return {
    config: { ...config, paymentGateway: 'http', paymentServiceUrl: bank.url },
    stop: () => bank.close(),
    note: `payments: the fake bank on ${bank.url} (journal ${journalPath})`,
  };
}
