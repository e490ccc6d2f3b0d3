import { dataService } from '../platform/db/data-service';
import { InventoryNumber } from './entities/inventory-number';
import { OwnedNumber } from './entities/owned-number';

/**
 * The entities ./ownership.ts reads and writes: a number's inventory record (who it is sold to)
 * and its owner's subscription. The chat and SMS paths load these two rather than the numbers
 * context's ./db.ts (counts, users, ledger: the purchase transaction); see ../auth/users-db.ts.
 */
export const entities = { inventoryNumber: InventoryNumber, ownedNumber: OwnedNumber };

export const db = /* @__PURE__ */ dataService(entities);
