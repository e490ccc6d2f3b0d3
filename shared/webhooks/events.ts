import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';
import { logger } from '../platform/observability/logger';
import { enqueueDelivery } from './delivery-queue';
import { dueShardOf } from './due';
import type { WebhookEndpointItem } from './entities/webhook-endpoint';
import { deliveryIdOf } from './ids';
import type { WebhookEventType } from './schemas';

/** The body POSTed to an endpoint (../shared/API.md "v1.1 Webhooks"). */
export interface WebhookEvent {
  readonly id: string;
  readonly type: WebhookEventType;
  readonly createdAt: string;
  readonly data: unknown;
}

/** The event for each user it concerns (a chat message concerns every user participant). */
export interface RoutedEvent {
  readonly event: WebhookEvent;
  readonly userIds: readonly string[];
}

/** Enabled endpoints of `userId` subscribed to `type` (one Query: at most 10 endpoints per user). */
export async function subscribedEndpoints(userId: string, type: string): Promise<WebhookEndpointItem[]> {
  const { data } = await db().entities.webhookEndpoint.query.primary({ userId }).go({ pages: 'all' });
  return data.filter((e) => e.enabled && e.events.includes(type));
}

/**
 * Creates one pending delivery per endpoint (conditional: a re-routed event creates nothing new)
 * and hands the new ones to the delivery queue. Returns how many were created.
 */
export async function createDeliveries(
  event: WebhookEvent,
  endpoints: readonly WebhookEndpointItem[],
): Promise<number> {
  const payload = JSON.stringify(event);
  const at = Date.parse(event.createdAt);
  let created = 0;
  for (const endpoint of endpoints) {
    const deliveryId = deliveryIdOf(event.id, endpoint.endpointId, at);
    try {
      await db()
        .entities.webhookDelivery.create({
          endpointId: endpoint.endpointId,
          deliveryId,
          userId: endpoint.userId,
          eventId: event.id,
          type: event.type,
          payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: new Date().toISOString(),
          dueShard: dueShardOf(endpoint.endpointId),
        })
        .go({ response: 'none' });
    } catch (error) {
      if (isConditionalFailure(error)) continue;
      throw error;
    }
    created += 1;
    await enqueueDelivery({ endpointId: endpoint.endpointId, deliveryId });
  }
  return created;
}

/** Fans routed events out to every subscribed endpoint of the users they concern. */
export async function fanOut(routed: readonly RoutedEvent[]): Promise<number> {
  let created = 0;
  for (const { event, userIds } of routed) {
    for (const userId of new Set(userIds)) {
      const endpoints = await subscribedEndpoints(userId, event.type);
      if (endpoints.length > 0) created += await createDeliveries(event, endpoints);
    }
  }
  if (created > 0) logger.debug('Webhook deliveries created', { created });
  return created;
}
