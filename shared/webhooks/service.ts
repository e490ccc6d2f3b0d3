import * as z from '../platform/zod';
import { port } from '../platform/adapters/port';
import { isConditionalFailure } from '../platform/db/errors';
import { budgetedPage, keysetQuery } from '../platform/db/read-budget';
import { db } from './db';
import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../platform/http/cursor';
import { LimitReached, NotFound } from '../platform/errors';
import { newId } from '../platform/ids';
import { enqueueDelivery } from './delivery-queue';
import type { WebhookDeliveryItem } from './entities/webhook-delivery';
import type { WebhookEndpointItem } from './entities/webhook-endpoint';
import { dueShardOf } from './due';
import { createDeliveries, type WebhookEvent } from './events';
import { eventIdOf } from './ids';
import {
  type CreateWebhookInput,
  MAX_ENDPOINTS_PER_USER,
  type PatchWebhookInput,
  type WebhookEventType,
} from './schemas';
import { secretCipher } from './secret-cipher';
import { newWebhookSecret } from './signing';
import { assertWebhookUrl, type GuardMode } from './url-guard';

/**
 * The webhooks context: a user's endpoints (at most 10), their signing secrets (encrypted at
 * rest, shown once), and the delivery log. Every read names the owner in the key, so another
 * user's endpoint is a 404 like a missing one.
 */

/** After a rotation the previous secret still signs (as a second v1) this long. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3600 * 1000;

export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly enabled: boolean;
  readonly description: string | null;
  readonly createdAt: string;
  readonly disabledReason: string | null;
}

export interface DeliveryView {
  readonly id: string;
  readonly eventId: string;
  readonly type: string;
  readonly status: 'pending' | 'succeeded' | 'failed';
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly nextAttemptAt: string | null;
  readonly createdAt: string;
}

/**
 * Which addresses webhooks may reach: never loopback or private ones in AWS; the local runtime
 * installs a mode that allows loopback, so developers can test against their own machine.
 */
const publicAddressesOnly: GuardMode = { allowLoopback: false };

export const guardMode = /* @__PURE__ */ port(() => publicAddressesOnly);

const noSuchWebhook = () => new NotFound('No such webhook endpoint.');

const view = (e: WebhookEndpointItem): WebhookView => ({
  id: e.endpointId,
  url: e.url,
  events: e.events,
  enabled: e.enabled,
  description: e.description ?? null,
  createdAt: e.createdAt,
  disabledReason: e.enabled ? null : (e.disabledReason ?? null),
});

export const deliveryView = (d: WebhookDeliveryItem): DeliveryView => ({
  id: d.deliveryId,
  eventId: d.eventId,
  type: d.type,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode ?? null,
  lastError: d.lastError ?? null,
  lastAttemptAt: d.lastAttemptAt ?? null,
  nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt ?? null) : null,
  createdAt: d.createdAt,
});

export async function endpointOf(userId: string, endpointId: string): Promise<WebhookEndpointItem> {
  const { data } = await db().entities.webhookEndpoint.get({ userId, endpointId }).go({ consistent: true });
  if (!data) throw noSuchWebhook();
  return data;
}

/** POST /v1/webhooks: 201 with the secret, the only time it is shown (besides a rotation). */
export async function createWebhook(
  userId: string,
  input: CreateWebhookInput,
): Promise<WebhookView & { secret: string }> {
  const url = (await assertWebhookUrl(input.url, guardMode())).toString();
  const endpointId = newId('whe');
  const secret = newWebhookSecret();
  const secretCiphertext = await secretCipher().encrypt(secret);
  const item: WebhookEndpointItem = {
    userId,
    endpointId,
    url,
    events: [...input.events],
    enabled: true,
    ...(input.description ? { description: input.description } : {}),
    secretCiphertext,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
  const result = await db()
    .transaction.write(({ webhookEndpoint, webhookEndpointCount }) => [
      webhookEndpointCount
        .upsert({ userId })
        .add({ count: 1 })
        .where((attr, op) => `${op.notExists(attr.count)} OR ${op.lt(attr.count, MAX_ENDPOINTS_PER_USER)}`)
        .commit(),
      webhookEndpoint.create(item).commit(),
    ])
    .go();
  if (result.canceled) {
    throw new LimitReached(`At most ${MAX_ENDPOINTS_PER_USER} webhook endpoints per user.`);
  }
  return { ...view(item), secret };
}

export async function listWebhooks(userId: string): Promise<{ items: WebhookView[]; nextCursor: null }> {
  const { data } = await db().entities.webhookEndpoint.query.primary({ userId }).go({ pages: 'all' });
  return { items: data.map(view).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)), nextCursor: null };
}

export async function getWebhook(userId: string, endpointId: string): Promise<WebhookView> {
  return view(await endpointOf(userId, endpointId));
}

export async function patchWebhook(
  userId: string,
  endpointId: string,
  input: PatchWebhookInput,
): Promise<WebhookView> {
  await endpointOf(userId, endpointId);
  const url =
    input.url === undefined ? undefined : (await assertWebhookUrl(input.url, guardMode())).toString();
  const set = {
    ...(url !== undefined ? { url } : {}),
    ...(input.events ? { events: [...input.events] } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  try {
    const patch = db().entities.webhookEndpoint.patch({ userId, endpointId }).set(set);
    // Re-enabling starts the failure clock afresh.
    const { data } = await (input.enabled === true
      ? patch.remove(['failingSince', 'disabledReason'])
      : patch
    ).go({
      response: 'all_new',
    });
    return view(data as WebhookEndpointItem);
  } catch (error) {
    if (isConditionalFailure(error)) throw noSuchWebhook();
    throw error;
  }
}

export async function deleteWebhook(userId: string, endpointId: string): Promise<void> {
  const result = await db()
    .transaction.write(({ webhookEndpoint, webhookEndpointCount }) => [
      webhookEndpoint
        .delete({ userId, endpointId })
        .where((attr, op) => op.exists(attr.endpointId))
        .commit(),
      webhookEndpointCount.patch({ userId }).add({ count: -1 }).commit(),
    ])
    .go();
  if (result.canceled) throw noSuchWebhook();
}

/** POST /v1/webhooks/{id}/rotate-secret: a new secret; the previous one keeps signing for 24 h. */
export async function rotateWebhookSecret(userId: string, endpointId: string): Promise<{ secret: string }> {
  const current = await endpointOf(userId, endpointId);
  const secret = newWebhookSecret();
  const secretCiphertext = await secretCipher().encrypt(secret);
  try {
    await db()
      .entities.webhookEndpoint.patch({ userId, endpointId })
      .set({
        secretCiphertext,
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_TTL_MS).toISOString(),
      })
      .where((attr, op) => op.eq(attr.secretCiphertext, current.secretCiphertext))
      .go({ response: 'none' });
  } catch (error) {
    // A concurrent rotation won; this caller's secret never took effect.
    if (isConditionalFailure(error)) throw noSuchWebhook();
    throw error;
  }
  return { secret };
}

/** POST /v1/webhooks/{id}/test: a `ping` event to this endpoint only (202). */
export async function pingWebhook(userId: string, endpointId: string): Promise<{ eventId: string }> {
  const endpoint = await endpointOf(userId, endpointId);
  const now = Date.now();
  const event: WebhookEvent = {
    id: eventIdOf(`ping\u0000${endpointId}\u0000${newId('p')}`, now),
    type: 'ping' satisfies WebhookEventType,
    createdAt: new Date(now).toISOString(),
    data: { endpointId, message: 'SMSPROJ webhook test' },
  };
  await createDeliveries(event, [endpoint]);
  return { eventId: event.id };
}

const deliveriesCursor = {
  d: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^whd_[0-9A-HJKMNP-TV-Z]{26}$/)),
};

/** GET /v1/webhooks/{id}/deliveries: the log, newest first, optionally one status, within the read budget. */
export async function listDeliveries(
  userId: string,
  endpointId: string,
  options: { status?: 'pending' | 'succeeded' | 'failed'; limit: number; cursor?: string },
): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  await endpointOf(userId, endpointId);
  let after: string | undefined;
  if (options.cursor) {
    const parsed = z.object(deliveriesCursor).safeParse(decodeOpaqueCursor('deliveries', options.cursor));
    if (!parsed.success) throw invalidCursor();
    after = parsed.data.d;
  }
  const deliveries = keysetQuery(
    (from, limit) => {
      const query = db().entities.webhookDelivery.query.primary({ endpointId });
      return (from ? query.lt({ deliveryId: from }) : query).go({ order: 'desc', limit });
    },
    (delivery) => delivery.deliveryId,
    (delivery) => !options.status || delivery.status === options.status,
  );
  const page = await budgetedPage(deliveries, {
    count: options.limit,
    cursor: after ?? null,
    cursorAfter: (delivery) => delivery.deliveryId,
  });
  return {
    items: page.data.map(deliveryView),
    nextCursor: page.cursor ? encodeOpaqueCursor('deliveries', { d: page.cursor }) : null,
  };
}

/** POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver: the same event again, now (202). */
export async function redeliver(userId: string, endpointId: string, deliveryId: string): Promise<void> {
  await endpointOf(userId, endpointId);
  const now = new Date().toISOString();
  try {
    await db()
      .entities.webhookDelivery.patch({ endpointId, deliveryId })
      .set({ status: 'pending', nextAttemptAt: now, dueShard: dueShardOf(endpointId) })
      .where((attr, op) => op.eq(attr.userId, userId))
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionalFailure(error)) throw new NotFound('No such delivery.');
    throw error;
  }
  await enqueueDelivery({ endpointId, deliveryId });
}
