// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ElectroDB key templates are plain strings with ${attribute} placeholders.
import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * How many of a user's verification requests are active (pending or received): the plan's
 * `activeVerifications` cap. Allocation increments it conditionally (`active < limit`) in the
 * transaction that creates the request, and every terminal transition decrements it in its own
 * transaction, so parallel creates can never pass the cap (no count-then-write).
 */
export const ActiveVerificationCount = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'activeVerificationCount', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    active: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId'], template: 'vactive#${userId}', casing: 'none' },
      sk: { field: 'sk', composite: [], template: 'count', casing: 'none' },
    },
  },
});
export type ActiveVerificationCountItem = EntityItem<typeof ActiveVerificationCount>;
