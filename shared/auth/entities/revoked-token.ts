import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Denylist of revoked tokens (Cognito tokens stay cryptographically valid after sign-out).
 * `tokenId` is an access token's `jti`/`origin_jti`, or the SHA-256 of a refresh token;
 * the item lives until the token would have expired anyway.
 */
export const RevokedToken = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'revokedToken', version: '1' },
  attributes: {
    tokenId: { type: 'string', required: true, readOnly: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['tokenId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type RevokedTokenItem = EntityItem<typeof RevokedToken>;
