import { api } from './client';

export const WEBHOOK_EVENTS = [
  'sms.received',
  'sms.status',
  'message.created',
  'verification.code',
  'verification.expired',
  'number.renewal_due',
  'number.expired',
  'ping',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly enabled: boolean;
  readonly description: string | null;
  readonly createdAt: string;
  readonly disabledReason: string | null;
}

export interface WebhookDelivery {
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

const path = (id: string) => `/v1/webhooks/${encodeURIComponent(id)}`;

export const listWebhooks = async () => (await api<{ items: Webhook[] }>('/v1/webhooks')).items;
export const createWebhook = (url: string, events: readonly string[]) =>
  api<Webhook & { secret: string }>('/v1/webhooks', { body: { url, events } });
export const updateWebhook = (id: string, changes: { enabled?: boolean; events?: readonly string[] }) =>
  api<Webhook>(path(id), { method: 'PATCH', body: changes });
export const deleteWebhook = (id: string) => api<void>(path(id), { method: 'DELETE' });
export const testWebhook = (id: string) => api<void>(`${path(id)}/test`, { body: {} });
export const rotateWebhookSecret = (id: string) =>
  api<{ secret: string }>(`${path(id)}/rotate-secret`, { body: {} });
export const listDeliveries = async (id: string) =>
  (await api<{ items: WebhookDelivery[] }>(`${path(id)}/deliveries`, { query: { limit: 20 } })).items;
export const redeliver = (id: string, deliveryId: string) =>
  api<void>(`${path(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { body: {} });
