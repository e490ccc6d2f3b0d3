/**
 * Physical layout of the single table. Entities map their access patterns onto these generic
 * fields; the CDK table is derived from the entities (see ./table-definition.ts), not from here.
 */
export const KEY_FIELDS = { pk: 'pk', sk: 'sk' } as const;
/** Epoch seconds; DynamoDB TTL deletes expired items (idempotency records, connections, denylist). */
export const TTL_ATTRIBUTE = 'ttl';
export const SERVICE_NAME = 'smsproj';

/** Epoch seconds `seconds` from now (or from `from`). */
export const ttlIn = (seconds: number, from: number = Date.now()): number =>
  Math.floor(from / 1000) + seconds;

const nowIso = () => new Date().toISOString();
/** `createdAt`: set once, when the item is created. */
export const createdAtAttribute = {
  type: 'string',
  required: true,
  readOnly: true,
  default: nowIso,
} as const;
/** `updatedAt`: ElectroDB refreshes it on every write of the item. */
export const updatedAtAttribute = {
  type: 'string',
  required: true,
  default: nowIso,
  watch: '*',
  set: nowIso,
} as const;
