// Webhook subscriptions of an administrator's division (GET/POST/DELETE /v1/webhooks) and their
// recent deliveries (GET /v1/webhooks/{id}/deliveries).
import { Type, type Static } from 'typebox';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '../../domain/vocabulary.js';
import { DivisionCode, Instant } from './common.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const SubscriptionId = Type.String({ format: 'uuid', description: 'as created' });

export const WebhookBody = Type.Object(
  {
    url: Type.String({
      pattern: '^https?://[^\\s]+$',
      maxLength: 2000,
      description:
        "the receiver's URL (for wecom and dingtalk, the group robot's webhook URL with its key or access_token)",
    }),
    events: Type.Array(Type.Enum(WEBHOOK_EVENTS), { minItems: 1, uniqueItems: true }),
    format: Type.Enum(WEBHOOK_FORMATS, {
      description:
        'json (the engine’s payload), wecom or dingtalk (those group robots’ text message; dingtalk’s URL is signed with the secret)',
    }),
    secret: Type.String({
      minLength: 16,
      maxLength: 200,
      description: 'signs every delivery (x-signature: sha256=HMAC of "timestamp.body"); never answered back',
    }),
    division: Type.Optional(DivisionCode),
  },
  {
    additionalProperties: false,
    examples: [
      {
        url: 'https://receiver.example.gov.cn/hooks/resettlement',
        events: ['task_assigned', 'escalation'],
        format: 'json',
        secret: 'a-long-random-shared-secret',
      },
    ],
  },
);
export type WebhookBody = Static<typeof WebhookBody>;

export const DeliveryView = Type.Object({
  deliveryId: Type.String(),
  eventId: Type.String(),
  status: Type.Enum(['pending', 'delivered', 'abandoned']),
  attempts: Type.Integer({ minimum: 0 }),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Instant,
  deliveredAt: Nullable(Instant),
});
export type DeliveryView = Static<typeof DeliveryView>;

export const WebhookView = Type.Object({
  id: SubscriptionId,
  division: DivisionCode,
  url: Type.String({ description: 'query values masked (a robot URL carries its key there)' }),
  events: Type.Array(Type.Enum(WEBHOOK_EVENTS)),
  format: Type.Enum(WEBHOOK_FORMATS),
  status: Type.Enum(['active', 'disabled'], { description: 'disabled after too many failed deliveries in a row' }),
  consecutiveFailures: Type.Integer({ minimum: 0 }),
  disabledAt: Nullable(Instant),
  createdAt: Instant,
});
export type WebhookView = Static<typeof WebhookView>;

export const WebhookList = Type.Object({ items: Type.Array(WebhookView), nextCursor: Nullable(Type.String()) });
export const WebhookParams = Type.Object({ id: SubscriptionId }, { additionalProperties: false });
export const DeliveryList = Type.Object({ items: Type.Array(DeliveryView) });
