import * as z from 'zod';
import { cursorParam, limitParam, page, prefixedId, text, timestamp } from '../platform/http/schemas';
import { DELIVERY_STATUSES } from './entities/webhook-delivery';

/** Event types an endpoint can subscribe to (../shared/API.md "v1.1 Webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  'sms.received',
  'sms.status',
  'message.created',
  'verification.code',
  'verification.expired',
  'number.renewal_due',
  'number.expired',
  'ping',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** At most this many endpoints per user. */
export const MAX_ENDPOINTS_PER_USER = 10;

const url = /* @__PURE__ */ z.string().trim().min(1).max(2048);
const events = /* @__PURE__ */ z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `Events must be among: ${WEBHOOK_EVENT_TYPES.join(', ')}.` }))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .refine((e) => new Set(e).size === e.length, { message: 'Events must not repeat.' });

export const createWebhookBody = /* @__PURE__ */ z
  .object({ url, events, description: text(0, 200).optional() })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const patchWebhookBody = /* @__PURE__ */ z
  .object({
    url: url.optional(),
    events: events.optional(),
    enabled: z.boolean().optional(),
    description: text(0, 200).optional(),
  })
  .strict();
export type PatchWebhookInput = z.infer<typeof patchWebhookBody>;

export const webhookParams = /* @__PURE__ */ z.object({ id: prefixedId('whe') });
export const deliveryParams = /* @__PURE__ */ z.object({
  id: prefixedId('whe'),
  deliveryId: prefixedId('whd'),
});

export const deliveriesQuery = /* @__PURE__ */ z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: limitParam,
  cursor: cursorParam,
});

// Responses (shared/webhooks/service.ts builds them)

export const webhookSchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    description: z.string().nullable(),
    createdAt: timestamp,
    disabledReason: z
      .string()
      .nullable()
      .meta({ description: 'Why the platform disabled the endpoint; null while enabled.' }),
  })
  .meta({ id: 'Webhook' });

export const createdWebhookSchema = webhookSchema
  .extend({ secret: z.string().meta({ description: 'The signing secret, shown only here.' }) })
  .meta({ id: 'CreatedWebhook' });

export const webhookListSchema = /* @__PURE__ */ page(webhookSchema);

export const webhookSecretSchema = /* @__PURE__ */ z.object({ secret: z.string() });

export const webhookPingSchema = /* @__PURE__ */ z.object({ eventId: z.string() });

export const webhookDeliverySchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastAttemptAt: timestamp.nullable(),
    nextAttemptAt: timestamp.nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryPageSchema = /* @__PURE__ */ page(webhookDeliverySchema);
