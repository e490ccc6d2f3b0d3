import { dataService } from '../platform/db/data-service';
import { User } from '../accounts/entities/user';
import { LedgerEntry } from '../billing/entities/ledger-entry';
import { Verification } from './entities/verification';
import { PoolLease } from './entities/pool-lease';
import { VerificationExport } from './entities/verification-export';
import { NumberServiceUse } from './entities/number-service-use';
import { ActiveVerificationCount } from './entities/active-count';

/** The entities the verifications code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  ledgerEntry: LedgerEntry,
  verification: Verification,
  poolLease: PoolLease,
  verificationExport: VerificationExport,
  numberServiceUse: NumberServiceUse,
  activeVerificationCount: ActiveVerificationCount,
};

export const db = /* @__PURE__ */ dataService(entities);
