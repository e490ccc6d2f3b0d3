import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * A fixed-window counter of abuse-prone events (wrong code guesses, code emails) per `scope`
 * (e.g. `guess:reset-password`) and `subject` (an email address, known or not). The window
 * starts with its first event; every change is one conditional write, so concurrent callers
 * can never count past the limit. TTL only tidies up; `windowStart` is what conditions check.
 */
export const AbuseCounter = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'abuseCounter', version: '1' },
  attributes: {
    scope: { type: 'string', required: true, readOnly: true },
    subject: { type: 'string', required: true, readOnly: true },
    /** Epoch milliseconds of the window's first event. */
    windowStart: { type: 'number', required: true },
    /** Events counted in the window. */
    hits: { type: 'number', required: true },
    /** Epoch milliseconds of the latest counted event. */
    lastAt: { type: 'number', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['scope', 'subject'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});
export type AbuseCounterItem = EntityItem<typeof AbuseCounter>;
