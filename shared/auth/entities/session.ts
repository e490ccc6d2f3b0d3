import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * A login session: created at login, found again by the refresh token's hash. Lets a password
 * change revoke every *other* session while the caller's own stays signed in.
 */
export const Session = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'session', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    refreshHash: { type: 'string', required: true },
    createdAt: { type: 'string', required: true, readOnly: true, default: () => new Date().toISOString() },
    revokedAt: { type: 'string' },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['sessionId'] } },
  },
});
export type SessionItem = EntityItem<typeof Session>;

/**
 * Which session an access token (by `jti`) or a refresh token (by `rt:` + hash) belongs to.
 * cognito-local has no `origin_jti`, so the platform records the link when it hands out tokens.
 */
export const TokenSession = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'tokenSession', version: '1' },
  attributes: {
    tokenId: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true },
    sessionId: { type: 'string', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['tokenId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type TokenSessionItem = EntityItem<typeof TokenSession>;
