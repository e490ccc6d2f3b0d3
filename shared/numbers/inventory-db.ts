import { dataService } from '../platform/db/data-service';
import { InventoryNumber } from './entities/inventory-number';

/**
 * The entity ./inventory.ts reads and writes: the marketplace and the verification pool. The
 * verification routes (pool allocation) and the catalog routes load it rather than the numbers
 * context's ./db.ts (subscriptions, counts, users, ledger: the purchase transaction).
 */
export const entities = { inventoryNumber: InventoryNumber };

export const db = /* @__PURE__ */ dataService(entities);
