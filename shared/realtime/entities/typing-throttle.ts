import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';

/**
 * Server-side typing throttle: a relay happens only if this item can be written with a
 * condition "absent or `until` passed", so concurrent Lambdas agree on at most one relay per
 * window. TTL only tidies up (it is lazy); `until` is what the condition checks.
 */
export const TypingThrottle = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'typingThrottle', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    conversationId: { type: 'string', required: true, readOnly: true },
    /** 'start' or 'stop': a stop signal is never swallowed by the start that preceded it. */
    signal: { type: ['start', 'stop'] as const, required: true, readOnly: true },
    /** Epoch milliseconds until which further relays are suppressed. */
    until: { type: 'number', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    primary: {
      pk: { field: 'pk', composite: ['userId', 'conversationId', 'signal'] },
      sk: { field: 'sk', composite: [] },
    },
  },
});
export type TypingThrottleItem = EntityItem<typeof TypingThrottle>;
