import { UniqueClaim } from '../accounts/entities/unique-claim';
import { User } from '../accounts/entities/user';
import { dataService } from '../platform/db/data-service';

/**
 * The entities ./users.ts reads — what other contexts need from auth: a user, and a user id by
 * email or username. Every context reads users, so they load these two rather than the whole of
 * auth's ./db.ts (codes, abuse counters, sessions, revoked tokens): each entity is about a
 * millisecond of a cold start (bench/RESULTS.md, "What the shared layers cost").
 */
export const entities = {
  user: User,
  uniqueClaim: UniqueClaim,
};

export const db = /* @__PURE__ */ dataService(entities);
