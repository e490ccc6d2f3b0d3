import { dataService } from '../platform/db/data-service';
import { User } from '../accounts/entities/user';
import { InventoryNumber } from './entities/inventory-number';
import { OwnedNumber, OwnedNumberCount } from './entities/owned-number';
import { LedgerEntry } from '../billing/entities/ledger-entry';

/** The entities the numbers code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  inventoryNumber: InventoryNumber,
  ownedNumber: OwnedNumber,
  ownedNumberCount: OwnedNumberCount,
  ledgerEntry: LedgerEntry,
};

export const db = /* @__PURE__ */ dataService(entities);
