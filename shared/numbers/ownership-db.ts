import { dataService } from '../platform/db/data-service';
import { OwnedNumber } from './entities/owned-number';

/**
 * The entity ./ownership.ts reads and writes: a number's subscription (who may send from it, its
 * usage counters; who it is sold to comes from ./inventory.ts). The chat and SMS paths load it
 * rather than the numbers context's ./db.ts (counts, users, ledger: the purchase transaction).
 */
export const entities = { ownedNumber: OwnedNumber };

export const db = /* @__PURE__ */ dataService(entities);
