import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

export const ACTIVITY_TYPES = [
  'login',
  'message',
  'purchase',
  'renewal',
  'verification',
  'api_key',
  'plan',
  'password',
  'warning',
  'topup',
] as const;

/** The user's activity feed (dashboard "recent activity"), newest first by ULID; kept 90 days. */
export const Activity = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'activity', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    activityId: { type: 'string', required: true, readOnly: true },
    type: { type: ACTIVITY_TYPES, required: true },
    summary: { type: 'string', required: true },
    ref: { type: 'string' },
    at: { type: 'string', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['activityId'] } },
  },
});
export type ActivityItem = EntityItem<typeof Activity>;
