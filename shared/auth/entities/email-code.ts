import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/** A pending emailed code (email verification or password reset); only its hash is stored. */
export const EmailCode = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'emailCode', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    purpose: { type: ['verify-email', 'reset-password'] as const, required: true, readOnly: true },
    codeHash: { type: 'string', required: true },
    attempts: { type: 'number', required: true, default: 0 },
    expiresAt: { type: 'number', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['purpose'] } },
  },
});
export type EmailCodeItem = EntityItem<typeof EmailCode>;
