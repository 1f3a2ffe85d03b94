// A TCP gate between the worker and Mailpit that can hold one SMTP transaction at its very end:
// the message's body reaches the server, but not the final `.` that would make the server
// accept it. While it is held the test kills the worker; then the gate drops both connections,
// and the server, which never saw the end of the data, keeps nothing (as any SMTP server does).
import { type Server, type Socket, connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpGate {
  /** smtp://127.0.0.1:<port> */
  readonly url: string;
  /** Holds the n-th message sent through the gate (1-based) before its final `.`. */
  holdMessage(n: number): void;
  /** Resolves when a message is held. */
  readonly held: Promise<void>;
  /** Drops the held message's connections (the server discards the message). */
  dropHeld(): void;
  /** Messages that reached their end (`.` forwarded). */
  readonly completed: number;
  close(): Promise<void>;
}

const END_OF_DATA = '\r\n.\r\n';

export async function startSmtpGate(upstreamPort: number): Promise<SmtpGate> {
  let holdAt = 0;
  let started = 0;
  let completed = 0;
  let heldPair: [Socket, Socket] | null = null;
  let signalHeld!: () => void;
  const held = new Promise<void>((resolve) => (signalHeld = resolve));
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    let inData = false;
    let number = 0;
    let buffered = '';
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      if (!inData) {
        upstream.write(chunk);
        if (/(^|\r\n)DATA\r\n$/i.test(text)) {
          inData = true;
          number = ++started;
          buffered = '';
        }
        return;
      }
      if (number !== holdAt) {
        upstream.write(chunk);
        buffered = (buffered + text).slice(-END_OF_DATA.length);
        if (buffered.endsWith(END_OF_DATA)) {
          inData = false;
          completed++;
        }
        return;
      }
      // The held message: forward all but its final `.\r\n`, then stop.
      buffered += text;
      if (buffered.endsWith(END_OF_DATA)) {
        upstream.write(Buffer.from(buffered.slice(0, -3), 'latin1'));
        buffered = '';
        heldPair = [client, upstream];
        signalHeld();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    holdMessage: (n) => void (holdAt = n),
    held,
    dropHeld() {
      if (!heldPair) throw new Error('no message is held');
      for (const s of heldPair) s.destroy();
      heldPair = null;
      holdAt = 0;
    },
    get completed() {
      return completed;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
