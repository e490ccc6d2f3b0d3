import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/** The ledger of limits: every plan change and temporary increase, newest first by ULID. */
export const LimitChange = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'limitChange', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    changeId: { type: 'string', required: true, readOnly: true },
    type: { type: ['temporary_increase', 'plan_change'] as const, required: true },
    factor: { type: 'number' },
    fromPlan: { type: 'string' },
    toPlan: { type: 'string' },
    reason: { type: 'string' },
    expiresAt: { type: 'string' },
    at: { type: 'string', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['changeId'] } },
  },
});
export type LimitChangeItem = EntityItem<typeof LimitChange>;
