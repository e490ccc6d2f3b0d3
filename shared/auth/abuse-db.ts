import { dataService } from '../platform/db/data-service';
import { AbuseCounter } from './entities/abuse-counter';

/**
 * The one entity ./abuse-limits.ts counts with. The WebSocket frames and the auth routes share
 * those limits; this keeps the rest of auth's ./db.ts (codes, sessions, revoked tokens) out of the
 * functions that only count (each entity is about a millisecond of a cold start; see ./users-db.ts).
 */
export const entities = { abuseCounter: AbuseCounter };

export const db = /* @__PURE__ */ dataService(entities);
