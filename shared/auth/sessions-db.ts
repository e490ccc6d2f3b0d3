import { dataService } from '../platform/db/data-service';
import { RevokedToken } from './entities/revoked-token';
import { Session, TokenSession } from './entities/session';

/**
 * The entities ./sessions.ts reads and writes: refresh-token sessions, the access-token index
 * and the denylist. Logout, refresh and the routes that end other sessions (password change,
 * account deletion) load these rather than the whole of ./db.ts.
 */
export const entities = { session: Session, tokenSession: TokenSession, revokedToken: RevokedToken };

export const db = /* @__PURE__ */ dataService(entities);
