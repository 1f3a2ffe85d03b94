// An administrator's webhook subscriptions: for the admin's division or one within it; listed,
// created, deleted and their recent deliveries shown only within it (404 beyond).
import type { Db } from '../../db/database.js';
import {
  deleteSubscription,
  insertSubscription,
  recentDeliveries,
  subscriptionsWithin,
} from '../../db/repositories/webhooks.js';
import type { WebhookSubscriptionRow } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { notFound } from '../errors.js';
import type { DeliveryView, WebhookBody, WebhookView } from '../schemas/webhooks.js';
import { divisionWithin } from './jurisdiction.js';

/** The URL with its query values masked: a WeCom robot's key, a DingTalk access token. */
function maskedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '***');
    u.username = '';
    u.password = '';
    return u.toString().replace(/%2A%2A%2A/g, '***');
  } catch {
    return '***';
  }
}

function view(r: WebhookSubscriptionRow): WebhookView {
  return {
    id: r.subscription_id,
    division: r.division_code,
    url: maskedUrl(r.url),
    events: r.events as WebhookView['events'],
    format: r.format,
    status: r.status === 'disabled' ? 'disabled' : 'active',
    consecutiveFailures: r.consecutive_failures,
    disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listWebhooks(db: Db, p: Principal): Promise<{ items: WebhookView[]; nextCursor: null }> {
  return { items: (await subscriptionsWithin(db, p.division)).map(view), nextCursor: null };
}

export async function createWebhook(db: Db, p: Principal, body: WebhookBody): Promise<WebhookView> {
  const division = await divisionWithin(db, p, body.division);
  const row = await insertSubscription(db, {
    division,
    url: body.url,
    events: body.events,
    format: body.format,
    secret: body.secret,
    createdBy: p,
  });
  return view(row);
}

export async function removeWebhook(db: Db, p: Principal, id: string): Promise<void> {
  if (!(await deleteSubscription(db, id, p.division))) throw notFound('webhook subscription');
}

export async function webhookDeliveries(db: Db, p: Principal, id: string): Promise<{ items: DeliveryView[] }> {
  const mine = (await subscriptionsWithin(db, p.division)).some((s) => s.subscription_id === id);
  if (!mine) throw notFound('webhook subscription');
  const rows = await recentDeliveries(db, id);
  return {
    items: rows.map((r) => ({
      deliveryId: r.delivery_id,
      eventId: r.event_id,
      status: r.status,
      attempts: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
    })),
  };
}
