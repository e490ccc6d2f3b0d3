import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Usage counters, updated only with atomic ADD. One row per user and calendar month (UTC)
 * (`bucket` = `month#2026-11`), one per user and day (`day#2026-11-23`), and one per API key
 * and day (`day#2026-11-23#key#key_...`) for analytics.
 */
export const UsageCounter = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'usageCounter', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    bucket: { type: 'string', required: true, readOnly: true },
    smsSent: { type: 'number', default: 0 },
    smsReceived: { type: 'number', default: 0 },
    verifications: { type: 'number', default: 0 },
    apiRequests: { type: 'number', default: 0 },
    errors: { type: 'number', default: 0 },
    spendCents: { type: 'number', default: 0 },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['bucket'] } },
  },
});
export type UsageCounterItem = EntityItem<typeof UsageCounter>;
