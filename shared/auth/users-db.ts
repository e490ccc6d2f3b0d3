import { UniqueClaim } from '../accounts/entities/unique-claim';
import { User } from '../accounts/entities/user';
import { dataService } from '../platform/db/data-service';

/**
 * A user and the email and username claims: what ./users.ts reads for every other context (a
 * user, a user id by email or username), and what the profile routes write
 * (../accounts/service.ts: a username change moves the claim in one transaction). They load these
 * two rather than auth's ./db.ts (codes, abuse counters, sessions, revoked tokens) or accounts'
 * (plans, keys, usage, ledger): each entity is about a millisecond of a cold start
 * (bench/RESULTS.md, "What the shared layers cost").
 */
export const entities = {
  user: User,
  uniqueClaim: UniqueClaim,
};

export const db = /* @__PURE__ */ dataService(entities);
