// Webhooks for other government systems: an administrator's subscriptions for a division, one
// delivery per event and subscription (its outcome, and a log of every attempt), and the
// notification an administrator gets when a subscription that kept failing is disabled.
// Frozen: a later change is a new migration, never an edit of this one.
//
// The secret is stored as given: every delivery is signed with it (HMAC-SHA256), so it cannot be
// hashed. It is never answered back by the API nor logged.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE webhook_subscriptions (
      subscription_id   uuid PRIMARY KEY,
      division_code     char(6) NOT NULL REFERENCES divisions(code),
      url               text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
      events            text[] NOT NULL CHECK (cardinality(events) > 0),
      format            text NOT NULL CHECK (format IN ('json', 'wecom', 'dingtalk')),
      secret            text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
      status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'deleted')),
      -- Deliveries abandoned in a row; a success sets it back to 0.
      consecutive_failures integer NOT NULL DEFAULT 0,
      disabled_at       timestamptz,
      created_by        jsonb NOT NULL,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions (division_code) WHERE status = 'active';

    -- One per event and subscription, written with the event (an outbox): delivery_id is the
    -- workflow's business key, so an event is delivered to a subscription once.
    CREATE TABLE webhook_deliveries (
      delivery_id       text PRIMARY KEY,
      subscription_id   uuid NOT NULL REFERENCES webhook_subscriptions(subscription_id),
      notification_id   text NOT NULL REFERENCES notifications(notification_id),
      event_id          text NOT NULL,
      status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'abandoned')),
      attempts          integer NOT NULL DEFAULT 0,
      last_status_code  integer,
      last_error        text,
      created_at        timestamptz NOT NULL DEFAULT now(),
      updated_at        timestamptz NOT NULL DEFAULT now(),
      delivered_at      timestamptz
    );
    CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC);
    CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending';

    CREATE TABLE webhook_delivery_attempts (
      delivery_id       text NOT NULL REFERENCES webhook_deliveries(delivery_id),
      attempt           integer NOT NULL,
      at                timestamptz NOT NULL DEFAULT now(),
      outcome           text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
      status_code       integer,
      error             text,
      duration_ms       integer NOT NULL,
      PRIMARY KEY (delivery_id, attempt)
    );

    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'task_assigned', 'decision', 'payment', 'cosignature', 'webhook_disabled'));
    ALTER TABLE notifications ADD COLUMN subscription_id uuid REFERENCES webhook_subscriptions(subscription_id);
    ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check
      CHECK (case_id IS NOT NULL OR standard_id IS NOT NULL OR subscription_id IS NOT NULL);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DELETE FROM notifications WHERE kind = 'webhook_disabled';
    ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check
      CHECK (case_id IS NOT NULL OR standard_id IS NOT NULL);
    ALTER TABLE notifications DROP COLUMN subscription_id;
    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'task_assigned', 'decision', 'payment', 'cosignature'));
    DROP TABLE webhook_delivery_attempts, webhook_deliveries, webhook_subscriptions;
  `.execute(db);
}
