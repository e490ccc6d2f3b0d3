import { dataService } from '../platform/db/data-service';
import { User } from '../accounts/entities/user';
import { LedgerEntry } from './entities/ledger-entry';

/** The entities the billing code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  ledgerEntry: LedgerEntry,
};

export const db = /* @__PURE__ */ dataService(entities);
