import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/** An API key's public record, listed under its owner. The secret is never stored. */
export const ApiKey = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'apiKey', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    keyId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    prefix: { type: 'string', required: true },
    scopes: { type: 'list', items: { type: 'string' }, required: true },
    secretHash: { type: 'string', required: true },
    /** API Gateway API key id bound to the owner's usage plan (AWS only). */
    gatewayKeyId: { type: 'string' },
    status: { type: ['active', 'revoked'] as const, required: true, default: 'active' },
    createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
    rotatedAt: { type: 'string' },
    revokedAt: { type: 'string' },
    lastUsedAt: { type: 'string' },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['keyId'] } },
  },
});
export type ApiKeyItem = EntityItem<typeof ApiKey>;

/**
 * Lookup item from the SHA-256 of a key's secret to its key: a strongly consistent GetItem
 * for the authorizer. Rotation and revocation delete it in the same transaction that updates
 * the key, so an old secret is rejected at once.
 */
export const ApiKeySecret = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'apiKeySecret', version: '1' },
  attributes: {
    secretHash: { type: 'string', required: true, readOnly: true },
    keyId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    scopes: { type: 'list', items: { type: 'string' }, required: true },
    gatewayApiKeyValue: { type: 'string' },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['secretHash'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type ApiKeySecretItem = EntityItem<typeof ApiKeySecret>;

/**
 * How many live keys a user holds: created with the key and decremented with its revocation in
 * the same transactions, conditional on the limit, so parallel creates cannot pass it.
 */
export const ApiKeyCount = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'apiKeyCount', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    live: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type ApiKeyCountItem = EntityItem<typeof ApiKeyCount>;
