// What leaves the system about cases, scanned for personal data: cases driven to social placement
// with generated people, every notification they wrote, the webhook payloads a receiver got for
// them, and the e-mail digests Mailpit received. None may carry a registered name, ID number or
// account number. Mails and payloads are left in the artifacts directory for privacy.chaos.ts.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Mailpit, startMailpit } from '../../tools/mail/mailpit.js';
import type { emailDigestWorkflow } from '../../workflows/digest/digestWorkflow.js';
import { createTestUser } from '../support/accounts.js';
import { eventually } from '../support/caseApi.js';
import { admin, civilAffairs, finance } from '../support/fixtures.js';
import { type ChaosEnv, createChaosEnv } from './support/chaosEnv.js';
import { driver, expectStatus, inst, setChaosPolicies } from './support/drive.js';
import { findLeaks } from './support/privacy.js';

const CASES = 8;

let mailpit: Mailpit;
let receiver: Server;
const payloads: string[] = [];
let env: ChaosEnv;

beforeAll(async () => {
  mailpit = await startMailpit();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      payloads.push(`${req.url ?? ''}\n${JSON.stringify(req.headers)}\n${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  env = await createChaosEnv({
    name: 'notifications',
    workerEnv: {
      SMTP_URL: mailpit.smtpUrl,
      MAIL_FROM: '安置系统 <digest@mz.example.gov.cn>',
      CONSOLE_URL: 'https://console.example.gov.cn',
    },
  });
  await setChaosPolicies(env.db);
}, 180_000);

afterAll(async () => {
  await env?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await mailpit?.stop();
});

it('no registered name, ID number or account number in a notification, webhook payload or e-mail digest', async () => {
  const port = (receiver.address() as AddressInfo).port;
  await expectStatus(
    env.call(admin('150000'), 'POST', '/v1/webhooks', {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['task_assigned', 'decision', 'payment', 'reminder', 'escalation'],
      format: 'json',
      secret: `chaos-secret-${randomUUID()}`,
    }),
    201,
  );
  for (const p of [inst, civilAffairs(), finance()]) {
    const u = await createTestUser(env.db, p);
    await env.db
      .updateTable('users')
      .set({ email: `${p.role}@chaos.example.cn` })
      .where('user_id', '=', u.user.user_id)
      .execute();
  }
  const drive = driver(env);
  for (let i = 0; i < CASES; i++) {
    const caseId = await drive.register();
    // Half of them on to social placement: a decision, finance's payment task.
    if (i % 2 === 0) await drive.toSocialPlacement(caseId);
  }
  // Every delivery written delivered (or given up) before the payloads are scanned.
  await eventually(
    () =>
      env.db
        .selectFrom('webhook_deliveries')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow(),
    (r) => Number(r.n) === 0,
    120_000,
  );
  const digest = await env.client.workflow.execute<typeof emailDigestWorkflow>('emailDigestWorkflow', {
    workflowId: `email-digest-chaos-${randomUUID()}`,
    taskQueue: env.taskQueue,
    args: [{ retryInitialSeconds: 1 }],
  });
  expect(digest.sent).toBeGreaterThanOrEqual(2);

  const notifications = await env.db.selectFrom('notifications').select(['message', 'details']).execute();
  const mails = await mailpit.all();
  const mailText = mails.map((m) => `${m.Subject}\n${m.Text}\n${m.HTML}`).join('\n\n');
  writeFileSync(join(env.dir, `mail-${env.name}-${process.pid}.txt`), mailText);
  writeFileSync(join(env.dir, `webhooks-${env.name}-${process.pid}.txt`), payloads.join('\n\n'));
  console.log(
    `notifications: ${env.registry.people.length} people, ${notifications.length} notifications, ${payloads.length} webhook payloads, ${mails.length} mails`,
  );
  expect(env.registry.people.length).toBe(CASES);
  expect(notifications.length).toBeGreaterThanOrEqual(CASES);
  expect(payloads.length).toBeGreaterThanOrEqual(CASES);
  expect(mails.length).toBe(digest.sent);
  const leaks = findLeaks(
    [
      { id: 'notifications table', text: JSON.stringify(notifications) },
      { id: 'webhook payloads', text: payloads.join('\n') },
      { id: 'e-mail digests', text: mailText },
    ],
    env.registry.people,
  );
  expect(leaks).toEqual([]);
}, 600_000);
