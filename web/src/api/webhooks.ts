import type { WebhookEventType } from '../../../sdk/client';
import { api, type Schemas, unwrap } from './client';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../sdk/client';
export type Webhook = Schemas['Webhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];

const path = (id: string) => ({ path: { id } });

export const listWebhooks = async () => (await unwrap(api().GET('/v1/webhooks'))).items;
export const createWebhook = (url: string, events: WebhookEventType[]) =>
  unwrap(api().POST('/v1/webhooks', { body: { url, events } }));
export const updateWebhook = (id: string, changes: { enabled?: boolean; events?: WebhookEventType[] }) =>
  unwrap(api().PATCH('/v1/webhooks/{id}', { params: path(id), body: changes }));
export const deleteWebhook = (id: string) => unwrap(api().DELETE('/v1/webhooks/{id}', { params: path(id) }));
export const testWebhook = (id: string) =>
  unwrap(api().POST('/v1/webhooks/{id}/test', { params: path(id), body: {} }));
export const rotateWebhookSecret = (id: string) =>
  unwrap(api().POST('/v1/webhooks/{id}/rotate-secret', { params: path(id), body: {} }));
export const listDeliveries = async (id: string) =>
  (await unwrap(api().GET('/v1/webhooks/{id}/deliveries', { params: { ...path(id), query: { limit: 20 } } })))
    .items;
export const redeliver = (id: string, deliveryId: string) =>
  unwrap(
    api().POST('/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
      params: { path: { id, deliveryId } },
      body: {},
    }),
  );
