import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { createdAtAttribute, SERVICE_NAME, updatedAtAttribute } from '../../platform/db/schema';

/**
 * A user's webhook endpoint, listed under its owner (pk `userId`, sk `endpointId`): every read
 * names the owner, so another user's endpoint is simply not found. The signing secret is stored
 * only as ciphertext (KMS in AWS, a local AES-256-GCM key locally; ../secret-cipher.ts); after a
 * rotation the previous secret's ciphertext is kept until `previousSecretExpiresAt` so receivers
 * can verify either for 24 h.
 */
export const WebhookEndpoint = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'webhookEndpoint', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    endpointId: { type: 'string', required: true, readOnly: true },
    url: { type: 'string', required: true },
    events: { type: 'list', items: { type: 'string' }, required: true },
    enabled: { type: 'boolean', required: true, default: true },
    description: { type: 'string' },
    secretCiphertext: { type: 'string', required: true },
    previousSecretCiphertext: { type: 'string' },
    previousSecretExpiresAt: { type: 'string' },
    /** First failed attempt since the last success: the endpoint is disabled after 3 days of failing. */
    failingSince: { type: 'string' },
    disabledReason: { type: 'string' },
    createdAt: createdAtAttribute,
    updatedAt: updatedAtAttribute,
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['endpointId'] } },
  },
});
export type WebhookEndpointItem = EntityItem<typeof WebhookEndpoint>;

/**
 * How many endpoints a user has. Creation increments it conditionally (`count < limit`) in the
 * creating transaction and deletion decrements it, so parallel creations cannot pass the limit.
 */
export const WebhookEndpointCount = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'webhookEndpointCount', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    count: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type WebhookEndpointCountItem = EntityItem<typeof WebhookEndpointCount>;
