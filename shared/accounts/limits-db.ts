import { dataService } from '../platform/db/data-service';
import { LimitChange } from './entities/limit-change';
import { User } from './entities/user';

/**
 * The entities ./limits.ts writes: the user's limit factor and the limit-change record, in one
 * transaction. The temporary-increase route loads these two rather than ./db.ts (plans, keys,
 * usage, ledger).
 */
export const entities = { user: User, limitChange: LimitChange };

export const db = /* @__PURE__ */ dataService(entities);
