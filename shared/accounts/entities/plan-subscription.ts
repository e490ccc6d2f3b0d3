import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * A paid plan's billing period: one per user on a paid plan (written with the plan change).
 * `renewsAt` is the end of the period paid for; the plan-renewal job finds due ones through
 * the `byDue` index (no Scan) and moves `renewsAt` on conditionally, so a period is charged once.
 */
export const PlanSubscription = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'planSubscription', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    plan: { type: 'string', required: true },
    /** ISO instant the paid period ends (the next charge). */
    renewsAt: { type: 'string', required: true },
    /** One partition of due work; a constant while volumes are small. */
    dueShard: { type: 'string', required: true, default: '0' },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
    byDue: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['dueShard'] },
      sk: { field: 'gsi3sk', composite: ['renewsAt'] },
    },
  },
});
export type PlanSubscriptionItem = EntityItem<typeof PlanSubscription>;
