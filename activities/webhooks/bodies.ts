// What a webhook sends: the body in the subscription's format (the engine's JSON, a WeCom or a
// DingTalk group robot's text message), its signature headers, and DingTalk's signed URL. Only
// data that may leave: the event, the case id, the task kind, the due date, the message (built
// from those, domain/notificationMessages.ts) and a console link. Never a name or an ID number.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookFormat } from '../../domain/vocabulary.js';

export interface WebhookPayload {
  /** The event's id: the same for every subscription, so a receiver can drop a repeat. */
  id: string;
  event: string;
  caseId: string | null;
  taskId: string | null;
  standardId: string | null;
  taskKind: string | null;
  dueAt: string | null;
  message: string;
  occurredAt: string;
  link: string | null;
}

export function webhookBody(format: WebhookFormat, p: WebhookPayload): string {
  if (format === 'json') return JSON.stringify(p);
  const content = p.link ? `${p.message}\n${p.link}` : p.message;
  // Both robots take {msgtype: 'text', text: {content}} (WeCom: qyapi.weixin.qq.com/cgi-bin/webhook/send;
  // DingTalk: oapi.dingtalk.com/robot/send).
  return JSON.stringify({ msgtype: 'text', text: { content } });
}

/** HMAC-SHA256 of `timestamp.body` with the subscription's secret, as hex. */
export function signature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The headers every delivery carries: `x-timestamp` (Unix seconds) and `x-signature: sha256=<hex>`. */
export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'x-timestamp': timestamp, 'x-signature': `sha256=${signature(secret, timestamp, body)}` };
}

/**
 * What a receiver checks (README, "Webhooks"): the signature over the timestamp and the raw body,
 * and a timestamp within the window, so a captured delivery cannot be replayed later.
 */
export function verifyDelivery(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  now: Date,
  windowSeconds = 300,
): boolean {
  const { timestamp, signature: given } = headers;
  if (!timestamp || !given || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > windowSeconds) return false;
  const expected = Buffer.from(`sha256=${signature(secret, timestamp, body)}`);
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * DingTalk's signed robot URL: `timestamp` (milliseconds) and `sign`, the base64 HMAC-SHA256 of
 * "timestamp\nsecret" keyed with the secret, URL-encoded, appended to the robot's URL.
 */
export function dingtalkSignedUrl(url: string, secret: string, now: Date): string {
  const timestamp = String(now.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', timestamp);
  u.searchParams.set('sign', sign);
  return u.toString();
}
