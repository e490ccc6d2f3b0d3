import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

const channel = {
  type: 'map',
  required: true,
  properties: {
    numberRenewal: { type: 'boolean', required: true },
    verificationExpired: { type: 'boolean', required: true },
    usageWarnings: { type: 'boolean', required: true },
    newMessage: { type: 'boolean', required: true },
  },
} as const;

/** Notification preferences; absent means "all on" (defaults are applied when reading). */
export const Preferences = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'preferences', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    email: channel,
    inApp: channel,
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
  },
});
export type PreferencesItem = EntityItem<typeof Preferences>;
