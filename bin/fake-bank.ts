import { startFakeBank } from '../tools/fake-bank/fakeBank.js';

// Standalone fake bank for local runs and the chaos suite, which kills and restarts it:
// set FAKE_BANK_JOURNAL so executed payments survive those restarts.

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const journalPath = process.env.FAKE_BANK_JOURNAL || undefined;
  const bank = await startFakeBank({ port, host: process.env.HOST ?? '127.0.0.1', journalPath });
  console.log(`fake bank listening on ${bank.url}${journalPath ? ` (journal ${journalPath})` : ' (in memory)'}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`fake bank: ${signal}, stopping`);
    bank.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('fake bank: close failed', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('fake bank failed to start:', err);
  process.exit(1);
});
