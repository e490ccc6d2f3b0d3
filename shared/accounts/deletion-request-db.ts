import { dataService } from '../platform/db/data-service';
import { AccountDeletion } from './entities/account-deletion';
import { User } from './entities/user';

/**
 * The entities DELETE /v1/me writes itself (./deletion-request.ts): the user's status and the
 * deletion record; the job's erasure across contexts reads ./lifecycle-db.ts.
 */
export const entities = { user: User, accountDeletion: AccountDeletion };

export const db = /* @__PURE__ */ dataService(entities);
