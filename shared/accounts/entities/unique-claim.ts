import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Uniqueness of emails and usernames: one item per claimed value, written in the same
 * transaction as the user (conditional on not existing), and read by key (strongly
 * consistent) to resolve a login name to a user.
 */
export const UniqueClaim = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'uniqueClaim', version: '1' },
  attributes: {
    kind: { type: ['email', 'username'] as const, required: true, readOnly: true },
    value: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['kind', 'value'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type UniqueClaimItem = EntityItem<typeof UniqueClaim>;
