import type { EntityItem } from 'electrodb';
import { modelEntity } from '../../platform/db/model-entity';
import { SERVICE_NAME } from '../../platform/db/schema';
import { LEDGER_TYPES } from '../ledger-types';

/**
 * One change of a user's balance, written in the same transaction as the balance update (see
 * ../service.ts). `id` is `led_` + a ULID generated from `at`, so the primary index (pk `userId`,
 * sk `id`) lists entries in time order and a time range is a `between` on the sort key.
 * `amountCents` is always positive; `type` says which way the money went.
 */
export const LedgerEntry = /* @__PURE__ */ modelEntity({
  model: { service: SERVICE_NAME, entity: 'ledgerEntry', version: '1' },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    id: { type: 'string', required: true, readOnly: true },
    type: { type: LEDGER_TYPES, required: true, readOnly: true },
    amountCents: { type: 'number', required: true, readOnly: true },
    /** What the money was for: a phone number, `vrf_...`, `plan:pro`, `dev-credits`... */
    ref: { type: 'string', required: true, readOnly: true },
    description: { type: 'string' },
    at: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    primary: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: ['id'] } },
  },
});
export type LedgerEntryItem = EntityItem<typeof LedgerEntry>;
