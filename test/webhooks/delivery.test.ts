// Webhooks against real HTTP receivers in this process: one that checks every signature, one
// that answers 500 before it accepts, one that drops the connection, a slow one, a WeCom and a
// DingTalk robot (its signed URL checked), and a dead one. Each event is accepted exactly once by
// each receiver; the dead subscription is disabled after its deliveries are given up, and the
// administrators of its division are told. No payload carries the youth's name or ID number.
import { createHmac } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDelivery } from '../../activities/webhooks/bodies.js';
import { type TestUser, buildAppWith, createTestUser, sessionHeaders, signIn } from '../support/accounts.js';
import { caseApi, eventually } from '../support/caseApi.js';
import { admin, institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const SECRET = 'a-shared-secret-of-the-receiver';

interface Arrival {
  id: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver: `answer` decides per request (by how often this event came before) what it does. */
class Receiver {
  server!: Server;
  arrivals: Arrival[] = [];
  /** Event ids answered 2xx, in order. */
  accepted: string[] = [];
  constructor(private readonly answer: (seen: number, a: Arrival, res: ServerResponse) => Promise<boolean> | boolean) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const a: Arrival = { id: String(req.headers['x-webhook-id']), url: req.url ?? '', headers: req.headers, body };
        const seen = this.arrivals.filter((x) => x.id === a.id).length;
        this.arrivals.push(a);
        void Promise.resolve(this.answer(seen, a, res)).then((ok) => {
          if (ok) this.accepted.push(a.id);
        });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}

const reply = (res: ServerResponse, status: number, body = '{}') => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  return status >= 200 && status < 300;
};
const verified = (a: Arrival) =>
  verifyDelivery(
    SECRET,
    { timestamp: a.headers['x-timestamp'] as string, signature: a.headers['x-signature'] as string },
    a.body,
    new Date(),
  );

const receivers = {
  verifying: new Receiver((_, a, res) => reply(res, verified(a) ? 200 : 401)),
  flaky: new Receiver((seen, _, res) => reply(res, seen < 2 ? 500 : 200)),
  dropping: new Receiver((seen, _, res) => {
    if (seen === 0) {
      res.socket?.destroy();
      return false;
    }
    return reply(res, 200);
  }),
  slow: new Receiver(async (_, __, res) => {
    await new Promise((r) => setTimeout(r, 1500));
    return reply(res, 200);
  }),
  wecom: new Receiver((_, a, res) => {
    const body = JSON.parse(a.body) as { msgtype?: string; text?: { content?: string } };
    const ok = verified(a) && body.msgtype === 'text' && typeof body.text?.content === 'string';
    return reply(res, 200, JSON.stringify({ errcode: ok ? 0 : 40001, errmsg: ok ? 'ok' : 'invalid' })) && ok;
  }),
  dingtalk: new Receiver((_, a, res) => {
    const url = new URL(a.url, 'http://x');
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const sign = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
    const fresh = Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
    const ok = fresh && url.searchParams.get('sign') === sign && url.searchParams.get('access_token') === 'tok';
    return reply(res, 200, JSON.stringify({ errcode: ok ? 0 : 310000, errmsg: ok ? 'ok' : 'sign not match' })) && ok;
  }),
  dead: new Receiver((_, __, res) => reply(res, 500)),
};
type Name = keyof typeof receivers;
const FORMATS: Partial<Record<Name, 'wecom' | 'dingtalk'>> = { wecom: 'wecom', dingtalk: 'dingtalk' };

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
let administrator: TestUser;
const subscriptionOf = {} as Record<Name, string>;
const caseIds: string[] = [];
const people = [registrationBody(), registrationBody()];

beforeAll(async () => {
  env = await createTestEnv({
    webhooks: {
      timeoutMs: 5000,
      consoleUrl: 'https://console.example.gov.cn',
      disableAfter: 2,
      retry: { initialIntervalSeconds: 0.2, maximumIntervalSeconds: 1, maximumAttempts: 4 },
    },
  });
  api = caseApi(env);
  administrator = await createTestUser(env.db, admin('150000'));
  for (const [name, receiver] of Object.entries(receivers) as Array<[Name, Receiver]>) {
    let url = await receiver.start();
    if (name === 'dingtalk') url += '?access_token=tok';
    const res = await api.call(admin('150000'), 'POST', '/v1/webhooks', {
      url,
      events: ['task_assigned'],
      format: FORMATS[name] ?? 'json',
      secret: SECRET,
    });
    expect(res.statusCode, res.body).toBe(201);
    subscriptionOf[name] = res.json<{ id: string }>().id;
  }
  // Each registration opens the institution's assessment task: one task_assigned event each.
  for (const body of people) caseIds.push((await api.register(institution(), body)).caseId);
}, 120_000);
afterAll(async () => {
  await env?.close();
  for (const r of Object.values(receivers)) await r.stop();
});

describe('webhook deliveries', () => {
  it('reach every receiver exactly once per event, through 500s, dropped connections and slowness', async () => {
    const names = ['verifying', 'flaky', 'dropping', 'slow', 'wecom', 'dingtalk'] as const;
    for (const name of names)
      await eventually(
        async () => receivers[name].accepted.length,
        (n) => n >= 2,
        30_000,
      );
    // Give a duplicate time to show up, were there one.
    await new Promise((r) => setTimeout(r, 1500));
    const events = new Set(receivers.verifying.accepted);
    expect(events.size).toBe(2);
    for (const name of names) {
      expect([...receivers[name].accepted].sort(), name).toEqual([...events].sort());
    }
    expect(receivers.flaky.arrivals).toHaveLength(6);
    expect(receivers.dropping.arrivals).toHaveLength(4);
    expect(receivers.slow.arrivals).toHaveLength(2);
    const [first] = receivers.verifying.arrivals.map((a) => JSON.parse(a.body) as Record<string, unknown>);
    expect(first).toMatchObject({ event: 'task_assigned', taskKind: 'assessment' });
    expect(caseIds).toContain(first!.caseId);
    expect(first!.link).toBe(`https://console.example.gov.cn/cases/${String(first!.caseId)}`);
  });

  it('refuses a replayed delivery: a changed body or an old timestamp fails the check', () => {
    const [a] = receivers.verifying.arrivals;
    const headers = { timestamp: a!.headers['x-timestamp'] as string, signature: a!.headers['x-signature'] as string };
    expect(verifyDelivery(SECRET, headers, a!.body, new Date())).toBe(true);
    expect(verifyDelivery(SECRET, headers, a!.body.replace('assessment', 'x'), new Date())).toBe(false);
    expect(verifyDelivery(SECRET, headers, a!.body, new Date(Date.now() + 3_600_000))).toBe(false);
    expect(verifyDelivery('another-secret-entirely', headers, a!.body, new Date())).toBe(false);
  });

  it('gives up on a dead receiver, disables the subscription and tells its administrators', async () => {
    const list = async () =>
      (await api.call(admin('150000'), 'GET', '/v1/webhooks')).json<{
        items: Array<{ id: string; status: string; consecutiveFailures: number }>;
      }>().items;
    const dead = await eventually(
      async () => (await list()).find((s) => s.id === subscriptionOf.dead)!,
      (s) => s.status === 'disabled',
      30_000,
    );
    expect(dead.consecutiveFailures).toBe(2);
    expect(receivers.dead.arrivals).toHaveLength(8);
    expect((await list()).filter((s) => s.status === 'disabled').map((s) => s.id)).toEqual([subscriptionOf.dead]);
    const log = await api.call(admin('150000'), 'GET', `/v1/webhooks/${subscriptionOf.dead}/deliveries`);
    expect(log.json<{ items: Array<{ status: string; attempts: number; lastStatusCode: number }> }>().items).toEqual([
      expect.objectContaining({ status: 'abandoned', attempts: 4, lastStatusCode: 500 }),
      expect.objectContaining({ status: 'abandoned', attempts: 4, lastStatusCode: 500 }),
    ]);
    const app = await buildAppWith(env);
    try {
      const session = await signIn(app, administrator);
      const notes = await app.inject({ url: '/v1/notifications', headers: sessionHeaders(session) });
      expect(notes.json<{ items: Array<{ kind: string; message: string }> }>().items).toEqual([
        expect.objectContaining({ kind: 'webhook_disabled' }),
      ]);
    } finally {
      await app.close();
    }
  });

  it('sends no name or ID number in any payload', () => {
    const all = Object.values(receivers)
      .flatMap((r) => r.arrivals.map((a) => `${a.url} ${a.body}`))
      .join('\n');
    expect(all.length).toBeGreaterThan(100);
    for (const p of people) {
      expect(all).not.toContain(p.person.name);
      expect(all).not.toContain(p.person.idNumber);
    }
  });

  it('is managed by administrators of the division only, and deleted subscriptions send nothing more', async () => {
    expect((await api.call(institution(), 'GET', '/v1/webhooks')).statusCode).toBe(403);
    const league = await api.call(admin('150200'), 'GET', '/v1/webhooks');
    expect(league.json<{ items: unknown[] }>().items).toEqual([]);
    const remove = (division: string) =>
      env.app.inject({
        method: 'DELETE',
        url: `/v1/webhooks/${subscriptionOf.verifying}`,
        headers: { authorization: `Bearer ${env.token(admin(division))}` },
      });
    expect((await remove('150200')).statusCode).toBe(404);
    expect((await remove('150000')).statusCode).toBe(204);
    const before = receivers.verifying.arrivals.length;
    await api.register(institution(), registrationBody());
    await eventually(
      async () => receivers.flaky.accepted.length,
      (n) => n >= 3,
      30_000,
    );
    expect(receivers.verifying.arrivals).toHaveLength(before);
  });
});
