import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME, createdAtAttribute, updatedAtAttribute } from '../../platform/db/schema';
import { PLAN_IDS } from '../plans';

/**
 * A platform user. `userId` is `usr_` + the Cognito `sub` without dashes (122 random bits),
 * so the authorizer derives the item key from a verified token without a lookup.
 */
export const User = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'user', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    email: { type: 'string', required: true },
    username: { type: 'string', required: true },
    fullName: { type: 'string', required: true, default: '' },
    emailVerified: { type: 'boolean', required: true, default: false },
    /** `deleting`: DELETE /v1/me was accepted; every credential is refused until the job erases the user. */
    status: { type: ['active', 'suspended', 'deleting'] as const, required: true, default: 'active' },
    plan: { type: PLAN_IDS, required: true, default: 'free' },
    balanceCents: { type: 'number', required: true, default: 0 },
    /** Access tokens issued before this epoch second are rejected (password change). */
    tokensValidAfter: { type: 'number' },
    /** The session that changed the password: its tokens stay valid despite `tokensValidAfter`. */
    keepSessionId: { type: 'string' },
    /** Active temporary limit increase: limits are multiplied by `limitFactor` until `limitFactorExpiresAt` (epoch ms). */
    limitFactor: { type: 'number' },
    limitFactorExpiresAt: { type: 'number' },
    /** AWS only: the API Gateway API key that binds this user's JWT calls to the tier's usage plan. */
    gatewayApiKeyValue: { type: 'string' },
    gatewayApiKeyId: { type: 'string' },
    createdAt: createdAtAttribute,
    updatedAt: updatedAtAttribute,
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type UserItem = EntityItem<typeof User>;
