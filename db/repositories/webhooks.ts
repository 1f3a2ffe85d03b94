// Webhook subscriptions, their deliveries (an outbox written with the event) and the log of every
// attempt. A delivery's id is the event's id and the subscription's, so an event is enqueued for a
// subscription once however often the event is retried.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../../domain/access.js';
import { divisionChain, divisionPrefix } from '../../domain/divisions.js';
import type { WebhookFormat } from '../../domain/vocabulary.js';
import type { Db, Trx } from '../database.js';
import type { NotificationRow, WebhookSubscriptionRow } from '../schema.js';

export interface NewSubscription {
  division: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  secret: string;
  createdBy: Principal;
}

export async function insertSubscription(db: Db, s: NewSubscription): Promise<WebhookSubscriptionRow> {
  return db
    .insertInto('webhook_subscriptions')
    .values({
      subscription_id: randomUUID(),
      division_code: s.division,
      url: s.url,
      events: s.events,
      format: s.format,
      secret: s.secret,
      created_by: JSON.stringify(s.createdBy),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The subscriptions (not deleted) of divisions within `division`, oldest first. */
export async function subscriptionsWithin(db: Db, division: string): Promise<WebhookSubscriptionRow[]> {
  return db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('status', '!=', 'deleted')
    .where('division_code', 'like', `${divisionPrefix(division)}%`)
    .orderBy('created_at')
    .orderBy('subscription_id')
    .execute();
}

/** Deletes it (deliveries in flight then stop) unless it is outside `division`; false when not found. */
export async function deleteSubscription(db: Db, id: string, division: string): Promise<boolean> {
  const r = await db
    .updateTable('webhook_subscriptions')
    .set({ status: 'deleted', updated_at: new Date() })
    .where('subscription_id', '=', id)
    .where('status', '!=', 'deleted')
    .where('division_code', 'like', `${divisionPrefix(division)}%`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Enqueues the event for every active subscription that asks for its kind in a division covering
 * `division` (the case's or the standard's). Returns the ids of the deliveries now pending.
 */
export async function enqueueDeliveries(
  trx: Trx,
  e: { eventId: string; notificationId: string; kind: string; division: string },
): Promise<string[]> {
  const subs = await trx
    .selectFrom('webhook_subscriptions')
    .select('subscription_id')
    .where('status', '=', 'active')
    .where('division_code', 'in', divisionChain(e.division))
    .where(sql<boolean>`${e.kind} = ANY(events)`)
    .execute();
  if (subs.length === 0) return [];
  const rows = subs.map((s) => ({
    delivery_id: `${e.eventId}|${s.subscription_id}`,
    subscription_id: s.subscription_id,
    notification_id: e.notificationId,
    event_id: e.eventId,
  }));
  await trx
    .insertInto('webhook_deliveries')
    .values(rows)
    .onConflict((oc) => oc.column('delivery_id').doNothing())
    .execute();
  return rows.map((r) => r.delivery_id);
}

/** The pending deliveries of these events (to start their workflows again after a crash). */
export async function pendingDeliveries(db: Db, eventIds: readonly string[]): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select('delivery_id')
    .where('event_id', 'in', [...eventIds])
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.delivery_id);
}

export interface DeliveryToSend {
  deliveryId: string;
  eventId: string;
  status: 'pending' | 'delivered' | 'abandoned';
  subscription: WebhookSubscriptionRow;
  notification: NotificationRow;
}

export async function findDelivery(db: Db, deliveryId: string): Promise<DeliveryToSend | undefined> {
  const d = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  if (!d) return undefined;
  const [subscription, notification] = await Promise.all([
    db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('subscription_id', '=', d.subscription_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .selectAll()
      .where('notification_id', '=', d.notification_id)
      .executeTakeFirstOrThrow(),
  ]);
  return { deliveryId, eventId: d.event_id, status: d.status, subscription, notification };
}

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  outcome: 'delivered' | 'failed';
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Logs the attempt; a success marks the delivery delivered and clears the subscription's failures. */
export async function recordAttempt(db: Db, a: AttemptRecord, subscriptionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_delivery_attempts')
      .values({
        delivery_id: a.deliveryId,
        attempt: a.attempt,
        outcome: a.outcome,
        status_code: a.statusCode,
        error: a.error,
        duration_ms: a.durationMs,
      })
      .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
      .execute();
    const now = new Date();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts: sql`greatest(attempts, ${a.attempt})`,
        last_status_code: a.statusCode,
        last_error: a.error,
        updated_at: now,
        ...(a.outcome === 'delivered' ? { status: 'delivered' as const, delivered_at: now } : {}),
      })
      .where('delivery_id', '=', a.deliveryId)
      .where('status', '=', 'pending')
      .execute();
    if (a.outcome === 'delivered')
      await trx
        .updateTable('webhook_subscriptions')
        .set({ consecutive_failures: 0 })
        .where('subscription_id', '=', subscriptionId)
        .execute();
  });
}

/**
 * Gives the delivery up and counts one more failure in a row for its subscription; at `disableAfter`
 * the subscription is disabled. Returns the subscription when this call disabled it.
 */
export async function abandonDelivery(
  trx: Trx,
  deliveryId: string,
  disableAfter: number,
): Promise<WebhookSubscriptionRow | null> {
  const d = await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'abandoned', updated_at: new Date() })
    .where('delivery_id', '=', deliveryId)
    .where('status', '=', 'pending')
    .returning('subscription_id')
    .executeTakeFirst();
  if (!d) return null;
  const sub = await trx
    .updateTable('webhook_subscriptions')
    .set({ consecutive_failures: sql`consecutive_failures + 1`, updated_at: new Date() })
    .where('subscription_id', '=', d.subscription_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (sub.status !== 'active' || sub.consecutive_failures < disableAfter) return null;
  return trx
    .updateTable('webhook_subscriptions')
    .set({ status: 'disabled', disabled_at: new Date() })
    .where('subscription_id', '=', sub.subscription_id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The latest deliveries of a subscription with their outcome, for its administrator. */
export async function recentDeliveries(db: Db, subscriptionId: string, limit = 20) {
  return db
    .selectFrom('webhook_deliveries')
    .select([
      'delivery_id',
      'event_id',
      'status',
      'attempts',
      'last_status_code',
      'last_error',
      'created_at',
      'delivered_at',
    ])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
