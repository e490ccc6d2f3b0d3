import { UniqueClaim } from '../accounts/entities/unique-claim';
import { User } from '../accounts/entities/user';
import { dataService } from '../platform/db/data-service';
import { RevokedToken } from './entities/revoked-token';

/**
 * The entities ./service.ts reads and writes (registration's user and claims, in one
 * transaction; the denylist at logout). Sessions (./sessions-db.ts), codes (./codes-db.ts), abuse
 * counters (./abuse-db.ts) and the users other contexts read (./users-db.ts) have their own.
 */
export const entities = { user: User, uniqueClaim: UniqueClaim, revokedToken: RevokedToken };

export const db = /* @__PURE__ */ dataService(entities);
