import { ulid } from 'ulid';
import { chargeWrites, insufficientFunds, isInsufficientFunds } from '../billing/service';
import { conflicted, rejectedItems } from '../platform/db/transactions';
import { db } from './db';
import { config } from '../platform/config';
import { Unavailable, ValidationFailed } from '../platform/errors';
import { listVerificationPool, type PoolNumber } from '../numbers/inventory';
import type { CatalogService } from './catalog';
import type { VerificationItem } from './entities/verification';
import { blocksAllocation } from './entities/pool-lease';
import { ActiveLimitReached, NumberUnavailableForReuse } from './errors';
import { backoff } from './transitions';
import { expiryShardOf } from './views';

/**
 * Allocation: give the request a pool number no one else holds or cools down, that this user may
 * have for this service, and charge for it, in ONE transaction:
 *
 *   [0] the pool lease for the number, put on condition that the number is free: no lease, or a
 *       released one whose cool-down is over (a reuse also accepts its own user's cooling lease)
 *   [1] the (number, service) history: not burnt by a report, and last rented for this service by
 *       this user or more than VERIFICATION_REUSE_DAYS (30) days ago
 *   [2] the user's active-request counter, incremented on condition `active < activeVerifications`
 *   [3] the verification (pending, expiresAt = now + the service's lifetime)
 *   [4..] the charge: balance decrement conditional on the balance (../billing), ledger entry
 *
 * Which numbers to try comes from two index reads (the leases of the country, the history of the
 * service) subtracted from the pool, but the reads are only a hint: the conditions decide. A
 * number taken since the read fails item [0] or [1] and the next free-looking number is tried; a
 * TransactionConflict (two transactions on the same items at once, e.g. the same user's balance)
 * is retried with backoff. When every number is held or cooling the answer is 503
 * no_numbers_available with Retry-After: when the soonest lease or cool-down ends.
 */
export interface AllocationRequest {
  readonly userId: string;
  readonly service: CatalogService;
  readonly country?: string;
  readonly now: Date;
  /** The plan's `activeVerifications` (403 limit_reached past it). */
  readonly activeLimit: number;
  /** POST /reuse: rent exactly this number again; the user's own cool-down does not block it. */
  readonly reuse?: { readonly of: string; readonly phoneNumber: string; readonly country: string };
}

/** Retry-After when the pool is exhausted and no lease tells when a number frees up. */
const DEFAULT_RETRY_SECONDS = 30;
const MAX_CONFLICT_RETRIES = 12;

export const noNumbersAvailable = (retryAfter: number) =>
  new Unavailable('no_numbers_available', 'No numbers available', {
    detail: 'Every verification number for this request is in use. Retry later.',
    retryAfterSeconds: retryAfter,
    extensions: { retryAfter },
  });

/** Pool numbers that may serve `service` in `country` (400 when none could, ever). */
async function candidateNumbers(service: CatalogService, country?: string): Promise<PoolNumber[]> {
  if (country && service.countries && !service.countries.includes(country)) {
    throw new ValidationFailed([
      {
        path: 'body.country',
        message: `${service.name} verifications are offered in ${service.countries.join(', ')}.`,
      },
    ]);
  }
  const { items } = await listVerificationPool(country ? { country } : {});
  const pool = service.countries ? items.filter((n) => service.countries?.includes(n.country)) : items;
  if (pool.length === 0) {
    throw new ValidationFailed([
      { path: 'body.country', message: 'No verification numbers are offered in this country.' },
    ]);
  }
  return pool;
}

/** Held or cooling numbers (eventually consistent hint) and when the soonest of them frees up. */
async function blockedNumbers(now: Date, country?: string): Promise<{ held: Set<string>; soonest?: string }> {
  const { data } = await db()
    .entities.poolLease.query.byCountry(country ? { country } : {})
    .go({ pages: 'all', attributes: ['phoneNumber', 'expiresAt', 'releasedAt', 'coolsUntil'] });
  let soonest: string | undefined;
  const held = new Set<string>();
  for (const lease of data) {
    if (!blocksAllocation(lease, now)) continue;
    held.add(lease.phoneNumber);
    const freeAt = lease.releasedAt ? (lease.coolsUntil ?? lease.releasedAt) : lease.expiresAt;
    if (!soonest || freeAt < soonest) soonest = freeAt;
  }
  return { held, ...(soonest ? { soonest } : {}) };
}

const reuseWindowMs = () => config('verifications').VERIFICATION_REUSE_DAYS * 86_400_000;

/**
 * Numbers this user may not have for this service (hint): burnt ones, and those another user
 * rented for it within the reuse window. One Query on the history's `byService` index.
 */
async function excludedForService(request: AllocationRequest): Promise<Set<string>> {
  const cutoff = new Date(request.now.getTime() - reuseWindowMs()).toISOString();
  const { data } = await db()
    .entities.numberServiceUse.query.byService({ service: request.service.id })
    .go({ pages: 'all', attributes: ['phoneNumber', 'userId', 'leasedAt', 'burntAt'] });
  return new Set(
    data
      .filter((use) => use.burntAt || (use.userId !== request.userId && use.leasedAt > cutoff))
      .map((use) => use.phoneNumber),
  );
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Attempt =
  | { kind: 'allocated'; item: VerificationItem }
  | { kind: 'taken' }
  | { kind: 'conflict' }
  | { kind: 'capped' };

type Candidate = Pick<PoolNumber, 'phoneNumber' | 'country'>;

async function tryNumber(request: AllocationRequest, number: Candidate): Promise<Attempt> {
  const { userId, service, now } = request;
  const verificationId = `vrf_${ulid(now.getTime())}`;
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + service.lifetimeMinutes * 60_000).toISOString();
  const cutoff = new Date(now.getTime() - reuseWindowMs()).toISOString();
  const verification = {
    verificationId,
    userId,
    service: service.id,
    country: number.country,
    phoneNumber: number.phoneNumber,
    status: 'pending' as const,
    priceCents: service.priceCents,
    createdAt,
    expiresAt,
    expiryShard: expiryShardOf(verificationId),
    codes: [],
    codeCount: 0,
    holdsActiveSlot: true,
    ...(request.reuse ? { reuseOf: request.reuse.of } : {}),
  };
  const result = await db()
    .transaction.write((tx) => [
      tx.poolLease
        .put({
          phoneNumber: number.phoneNumber,
          country: number.country,
          verificationId,
          userId,
          service: service.id,
          expiresAt,
          leasedAt: createdAt,
        })
        .where((attr, op) => {
          const released = op.exists(attr.releasedAt);
          const cooled = `(${released} AND ${op.lte(attr.coolsUntil, createdAt)})`;
          const own = request.reuse ? ` OR (${released} AND ${op.eq(attr.userId, userId)})` : '';
          return `${op.notExists(attr.verificationId)} OR ${cooled}${own}`;
        })
        .commit(),
      tx.numberServiceUse
        .put({
          phoneNumber: number.phoneNumber,
          service: service.id,
          userId,
          verificationId,
          leasedAt: createdAt,
        })
        .where(
          (attr, op) =>
            `${op.notExists(attr.userId)} OR (${op.notExists(attr.burntAt)} AND ` +
            `(${op.eq(attr.userId, userId)} OR ${op.lte(attr.leasedAt, cutoff)}))`,
        )
        .commit(),
      tx.activeVerificationCount
        .update({ userId })
        .add({ active: 1 })
        .where((attr, op) => `${op.notExists(attr.active)} OR ${op.lt(attr.active, request.activeLimit)}`)
        .commit(),
      tx.verification.create(verification).commit(),
      ...chargeWrites(tx, {
        userId,
        amountCents: service.priceCents,
        ref: verificationId,
        description: `Verification: ${service.name}`,
        at: now,
      }),
    ])
    .go();
  if (!result.canceled) return { kind: 'allocated', item: { ...verification, updatedAt: createdAt } };
  const rejected = rejectedItems(result);
  if (rejected.includes(2)) return { kind: 'capped' };
  if (isInsufficientFunds(result, 4)) throw insufficientFunds();
  if (rejected.includes(0) || rejected.includes(1)) return { kind: 'taken' };
  if (conflicted(result)) return { kind: 'conflict' };
  throw new Error(`Verification allocation cancelled: ${JSON.stringify(rejected)}`);
}

/** Tries one number until it is won, taken or the cap bites (conflicts are retried). */
async function tryWithRetries(
  request: AllocationRequest,
  number: Candidate,
): Promise<VerificationItem | undefined> {
  for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
    const outcome = await tryNumber(request, number);
    if (outcome.kind === 'allocated') return outcome.item;
    if (outcome.kind === 'capped') throw new ActiveLimitReached(request.activeLimit);
    if (outcome.kind === 'taken') return undefined;
    await backoff(attempt);
  }
  return undefined;
}

/** Allocates a pool number and charges for it; 400 / 402 / 403 / 503 as described above. */
export async function allocate(request: AllocationRequest): Promise<VerificationItem> {
  if (request.reuse) {
    const item = await tryWithRetries(request, request.reuse);
    if (!item) throw new NumberUnavailableForReuse();
    return item;
  }
  const pool = await candidateNumbers(request.service, request.country);
  const [{ held, soonest }, excluded] = await Promise.all([
    blockedNumbers(request.now, request.country),
    excludedForService(request),
  ]);
  const free = pool.filter((n) => !held.has(n.phoneNumber) && !excluded.has(n.phoneNumber));
  for (const number of shuffled(free)) {
    const item = await tryWithRetries(request, number);
    if (item) return item;
  }
  // A lease already past its expiry is released by the next expiry run (every minute).
  const waitMs = soonest ? Date.parse(soonest) - request.now.getTime() : DEFAULT_RETRY_SECONDS * 1000;
  throw noNumbersAvailable(waitMs > 0 ? Math.min(Math.ceil(waitMs / 1000), 3600) : 60);
}
