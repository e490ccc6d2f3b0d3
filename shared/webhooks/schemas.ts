import * as z from '../platform/zod';
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
/** WEBHOOK_EVENT_TYPES.length as a checked literal (see SCOPE_COUNT in ../platform/http/route.ts). */
export const WEBHOOK_EVENT_TYPE_COUNT: (typeof WEBHOOK_EVENT_TYPES)['length'] = 8;

/** At most this many endpoints per user. */
export const MAX_ENDPOINTS_PER_USER = 10;

const url = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(2048));
const events = /* @__PURE__ */ z
  .array(
    z.enum(WEBHOOK_EVENT_TYPES, { error: () => `Events must be among: ${WEBHOOK_EVENT_TYPES.join(', ')}.` }),
  )
  .check(
    /* @__PURE__ */ z.minLength(1),
    /* @__PURE__ */ z.maxLength(WEBHOOK_EVENT_TYPE_COUNT),
    /* @__PURE__ */ z.refine((e) => new Set(e).size === e.length, { message: 'Events must not repeat.' }),
  );

export const createWebhookBody = /* @__PURE__ */ z.strictObject({
  url,
  events,
  description: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(0, 200)),
});
export type CreateWebhookInput = z.infer<typeof createWebhookBody>;

export const patchWebhookBody = /* @__PURE__ */ z.strictObject({
  url: /* @__PURE__ */ z.optional(url),
  events: /* @__PURE__ */ z.optional(events),
  enabled: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  description: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(0, 200)),
});
export type PatchWebhookInput = z.infer<typeof patchWebhookBody>;

export const webhookParams = /* @__PURE__ */ z.object({ id: /* @__PURE__ */ prefixedId('whe') });
export const deliveryParams = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ prefixedId('whe'),
  deliveryId: /* @__PURE__ */ prefixedId('whd'),
});

export const deliveriesQuery = /* @__PURE__ */ z.object({
  status: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.enum(DELIVERY_STATUSES)),
  limit: limitParam,
  cursor: cursorParam,
});

// Responses (shared/webhooks/service.ts builds them)

/**
 * The endpoint's fields, without the `Webhook` id: an extended copy of a schema carries its meta
 * check (zod/mini's `.check(z.meta(...))`), which would name the copy `Webhook` too.
 */
const webhookFields = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  url: /* @__PURE__ */ z.string(),
  events: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  enabled: /* @__PURE__ */ z.boolean(),
  description: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  createdAt: timestamp,
  disabledReason: /* @__PURE__ */ z
    .nullable(z.string())
    .check(
      /* @__PURE__ */ z.meta({ description: 'Why the platform disabled the endpoint; null while enabled.' }),
    ),
});

export const webhookSchema = /* @__PURE__ */ webhookFields.check(/* @__PURE__ */ z.meta({ id: 'Webhook' }));

export const createdWebhookSchema = /* @__PURE__ */ z
  .extend(webhookFields, {
    secret: z.string().check(z.meta({ description: 'The signing secret, shown only here.' })),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'CreatedWebhook' }));

export const webhookListSchema = /* @__PURE__ */ page(webhookSchema);

export const webhookSecretSchema = /* @__PURE__ */ z.object({ secret: /* @__PURE__ */ z.string() });

export const webhookPingSchema = /* @__PURE__ */ z.object({ eventId: /* @__PURE__ */ z.string() });

export const webhookDeliverySchema = /* @__PURE__ */ z
  .object({
    id: z.string(),
    eventId: z.string(),
    type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().check(z.int()),
    lastStatusCode: z.nullable(z.number().check(z.int())),
    lastError: z.nullable(z.string()),
    lastAttemptAt: z.nullable(timestamp),
    nextAttemptAt: z.nullable(timestamp),
    createdAt: timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'WebhookDelivery' }));

export const webhookDeliveryPageSchema = /* @__PURE__ */ page(webhookDeliverySchema);
