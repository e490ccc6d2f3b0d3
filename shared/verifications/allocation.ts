import { ulid } from 'ulid';
import { chargeWrites, insufficientFunds, isInsufficientFunds } from '../billing/service';
import { conflicted, rejectedItems } from '../db/transactions';
import { db } from '../db/service';
import { AppError, validationFailed } from '../http/errors';
import { listVerificationPool, type PoolNumber } from '../numbers/inventory';
import type { CatalogueService } from './catalogue';
import type { VerificationItem } from './entities/verification';
import { backoff } from './transitions';
import { expiryShardOf } from './view';

/**
 * Allocation: give the request a pool number no other active verification holds, and charge
 * for it, in ONE transaction:
 *
 *   [0] the pool lease for the number, created with attribute_not_exists (the number is free)
 *   [1] the verification (pending, expiresAt = now + the service's lifetime)
 *   [2..] the charge: balance decrement conditional on the balance (../billing), ledger entry
 *
 * Which numbers to try comes from a read (the pool, minus the leases the `byCountry` index shows),
 * but the read is only a hint: the conditional create of the lease decides. A number taken since
 * the read fails item [0] and the next free-looking number is tried; a TransactionConflict (two
 * transactions on the same items at once, e.g. the same user's balance) is retried with backoff.
 * When every number is held the answer is 503 no_numbers_available with Retry-After: when the
 * soonest lease expires.
 */
export interface AllocationRequest {
  readonly userId: string;
  readonly service: CatalogueService;
  readonly country?: string;
  readonly now: Date;
}

/** Retry-After when the pool is exhausted and no lease tells when a number frees up. */
const DEFAULT_RETRY_SECONDS = 30;
const MAX_CONFLICT_RETRIES = 12;

export const noNumbersAvailable = (retryAfter: number) =>
  new AppError(503, 'no_numbers_available', 'No numbers available', {
    detail: 'Every verification number for this request is in use. Retry later.',
    headers: { 'retry-after': String(retryAfter) },
    extensions: { retryAfter },
  });

/** Pool numbers that may serve `service` in `country` (400 when none could, ever). */
async function candidateNumbers(service: CatalogueService, country?: string): Promise<PoolNumber[]> {
  if (country && service.countries && !service.countries.includes(country)) {
    throw validationFailed([
      {
        path: 'body.country',
        message: `${service.name} verifications are offered in ${service.countries.join(', ')}.`,
      },
    ]);
  }
  const { items } = await listVerificationPool(country ? { country } : {});
  const pool = service.countries ? items.filter((n) => service.countries?.includes(n.country)) : items;
  if (pool.length === 0) {
    throw validationFailed([
      { path: 'body.country', message: 'No verification numbers are offered in this country.' },
    ]);
  }
  return pool;
}

/** Held numbers (eventually consistent hint) and when the soonest of them frees up. */
async function heldNumbers(country?: string): Promise<{ held: Set<string>; soonest?: string }> {
  const { data } = await db()
    .entities.poolLease.query.byCountry(country ? { country } : {})
    .go({ pages: 'all', attributes: ['phoneNumber', 'expiresAt'] });
  let soonest: string | undefined;
  for (const lease of data) if (!soonest || lease.expiresAt < soonest) soonest = lease.expiresAt;
  return { held: new Set(data.map((l) => l.phoneNumber)), ...(soonest ? { soonest } : {}) };
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Attempt = { kind: 'allocated'; item: VerificationItem } | { kind: 'taken' } | { kind: 'conflict' };

async function tryNumber(request: AllocationRequest, number: PoolNumber): Promise<Attempt> {
  const { userId, service, now } = request;
  const verificationId = `vrf_${ulid(now.getTime())}`;
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + service.lifetimeMinutes * 60_000).toISOString();
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
  };
  const result = await db()
    .transaction.write((tx) => [
      tx.poolLease
        .create({
          phoneNumber: number.phoneNumber,
          country: number.country,
          verificationId,
          userId,
          service: service.id,
          expiresAt,
          leasedAt: createdAt,
        })
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
  if (isInsufficientFunds(result, 2)) throw insufficientFunds();
  if (rejectedItems(result).includes(0)) return { kind: 'taken' };
  if (conflicted(result)) return { kind: 'conflict' };
  throw new Error(`Verification allocation cancelled: ${JSON.stringify(rejectedItems(result))}`);
}

/** Allocates a pool number and charges for it; 400 / 402 / 503 as described above. */
export async function allocate(request: AllocationRequest): Promise<VerificationItem> {
  const pool = await candidateNumbers(request.service, request.country);
  const { held, soonest } = await heldNumbers(request.country);
  for (const number of shuffled(pool.filter((n) => !held.has(n.phoneNumber)))) {
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const outcome = await tryNumber(request, number);
      if (outcome.kind === 'allocated') return outcome.item;
      if (outcome.kind === 'taken') break;
      await backoff(attempt);
    }
  }
  // A lease already past its expiry is released by the next expiry run (every minute).
  const waitMs = soonest ? Date.parse(soonest) - request.now.getTime() : DEFAULT_RETRY_SECONDS * 1000;
  throw noNumbersAvailable(waitMs > 0 ? Math.min(Math.ceil(waitMs / 1000), 3600) : 60);
}
