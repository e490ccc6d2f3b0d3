import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import examples from 'libphonenumber-js/examples.mobile.json';
import { type CountryCode, getExampleNumber } from 'libphonenumber-js/max';
import { getBalance } from '../../../shared/billing/service';
import { db } from '../../../shared/platform/db/service';
import { addToVerificationPool } from '../../../shared/numbers/inventory';
import { countryOf, isE164 } from '../../../shared/numbers/phone';
import type { VerificationView } from '../../../shared/verifications/views';
import { type ApiResponse, api } from '../helpers/api';
import { onPlan, signedInUser, type TestUser } from '../helpers/session';

/**
 * Helpers for the verification suites. Each test that counts numbers gets a pool of its own: a
 * few fresh numbers in a country no other test uses, and it always asks for that country, so
 * suites running in parallel never compete for the same pool numbers.
 */
export type Verification = VerificationView;

/** Valid mobile numbers of `country` (libphonenumber's example with random trailing digits). */
export function freshPoolNumbers(country: CountryCode, count: number): string[] {
  const example = getExampleNumber(country, examples)?.number;
  if (!example) throw new Error(`No example number for ${country}`);
  const out = new Set<string>();
  for (let tries = 0; out.size < count; tries++) {
    if (tries > count * 200) throw new Error(`Could not make ${count} numbers in ${country}`);
    const candidate = `${example.slice(0, -5)}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    if (isE164(candidate) && countryOf(candidate) === country) out.add(candidate);
  }
  return [...out];
}

/** Adds `count` numbers in `country` to the verification pool (through the numbers context) and returns them. */
export async function seedPool(country: CountryCode, count: number): Promise<string[]> {
  const numbers = freshPoolNumbers(country, count);
  await addToVerificationPool(
    numbers.map((phoneNumber) => ({
      phoneNumber,
      country,
      type: 'mobile' as const,
      capabilities: ['sms' as const],
      monthlyPriceCents: 0,
      setupPriceCents: 0,
    })),
  );
  return numbers;
}

/**
 * A signed-in user with `amountCents` on the balance (POST /dev/credits), on the business plan
 * by default (100 active requests: suites that are not about the free plan's cap of 3 rent more).
 */
export async function fundedUser(
  amountCents: number,
  prefix = 'vrf',
  plan: 'free' | 'pro' | 'business' = 'business',
): Promise<TestUser> {
  const user = await onPlan(await signedInUser(prefix), plan);
  if (amountCents > 0) {
    const credited = await api.post('/dev/credits', { email: user.email, amountCents });
    if (credited.status !== 200)
      throw new Error(`/dev/credits answered ${credited.status}: ${credited.text}`);
  }
  return user;
}

/**
 * Calls the API and, like a well-behaved client, waits out a 429 from the gateway's request-rate
 * limiter (the one with a `burst` member) and retries. A suite makes dozens of calls a second as
 * one user; the free plan allows 10 per second. Quota 429s (with `metric`) are returned as is.
 */
export async function politely<T>(call: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
  for (let attempt = 0; ; attempt++) {
    const response = await call();
    const throttled =
      response.status === 429 && (response.json as { burst?: unknown } | undefined)?.burst !== undefined;
    if (!throttled || attempt >= 10) return response;
    await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
  }
}

/** GET / POST as `user`, through `politely`. */
export const as = (user: TestUser) => ({
  get: <T = unknown>(path: string) => politely(() => api.get<T>(path, { token: user.accessToken })),
  post: <T = unknown>(path: string, body?: unknown, idempotencyKey?: string) =>
    politely(() =>
      api.post<T>(path, body, { token: user.accessToken, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    ),
  put: <T = unknown>(path: string, body: unknown) =>
    politely(() => api.put<T>(path, body, { token: user.accessToken })),
});

export const createVerification = (
  user: TestUser,
  body: { service: string; country?: string },
  idempotencyKey?: string,
): Promise<ApiResponse<Verification>> =>
  as(user).post<Verification>('/v1/verifications', body, idempotencyKey);

/** Creates a verification and fails the test unless it is a 201. */
export async function created(
  user: TestUser,
  body: { service: string; country?: string },
): Promise<Verification> {
  const response = await createVerification(user, body);
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${response.text}`);
  return response.json;
}

export const getVerification = (user: TestUser, id: string) =>
  as(user).get<Verification>(`/v1/verifications/${id}`);

export const cancel = (user: TestUser, id: string) =>
  as(user).post<Verification>(`/v1/verifications/${id}/cancel`);

export const complete = (user: TestUser, id: string) =>
  as(user).post<Verification>(`/v1/verifications/${id}/complete`);

/** A carrier delivering an SMS to a pool number (POST /dev/sms/inbound, the deployed inbound path). */
export async function deliverSms(to: string, body: string, from = 'Telegram', inboundMessageId?: string) {
  const response = await api.post('/dev/sms/inbound', {
    from,
    to,
    body,
    ...(inboundMessageId ? { inboundMessageId } : {}),
  });
  if (response.status !== 202)
    throw new Error(`/dev/sms/inbound answered ${response.status}: ${response.text}`);
}

export const report = (user: TestUser, id: string, reason = 'number_used') =>
  as(user).post<Verification & { reported: boolean }>(`/v1/verifications/${id}/report`, { reason });

export const reuse = (user: TestUser, id: string, idempotencyKey?: string) =>
  as(user).post<Verification>(`/v1/verifications/${id}/reuse`, undefined, idempotencyKey);

/** The pool lease of a number (held, or released and cooling down). */
export async function leaseOf(phoneNumber: string) {
  const { data } = await db().entities.poolLease.get({ phoneNumber }).go({ consistent: true });
  return data ?? undefined;
}

/**
 * Ends one number's cool-down now (its lease says it cooled down a minute ago): the clock moved
 * for that number only, so other suites' numbers keep their real cool-down.
 */
export async function endCooldown(phoneNumber: string): Promise<void> {
  const lease = await leaseOf(phoneNumber);
  if (!lease?.releasedAt) throw new Error(`${phoneNumber} is not cooling down`);
  await db()
    .entities.poolLease.put({ ...lease, coolsUntil: new Date(Date.now() - 60_000).toISOString() })
    .where((attr, op) => op.eq(attr.verificationId, lease.verificationId))
    .go();
}

export const runExpiryJob = (now: Date) =>
  api.post<{ processed: number }>('/dev/jobs/expire-verifications/run', { now: now.toISOString() });

/**
 * Makes one verification due long ago, so that the job can run with a clock moved to that instant
 * and see only it: other suites' requests (due in 15 minutes of real time) are never touched by
 * this test's clock. The write goes through the entity, which keeps the expiry index in step.
 */
export async function makeDue(id: string, at: Date): Promise<void> {
  const { data } = await db().entities.verification.get({ verificationId: id }).go({ consistent: true });
  if (!data) throw new Error(`No verification ${id}`);
  await db()
    .entities.verification.patch({ verificationId: id })
    .set({ expiresAt: at.toISOString(), expiryShard: data.expiryShard, status: data.status })
    .where((attr, op) => op.eq(attr.status, data.status))
    .go();
}

/** An instant well before any real request's expiry, unique per call so tests do not share it. */
export function pastInstant(): Date {
  return new Date(Date.UTC(2001, 0, 1) + randomInt(0, 2 ** 31));
}

export const balanceOf = (user: TestUser): Promise<number> => getBalance(user.userId);

/** Ledger entries of a type for one verification (the user's whole ledger partition, read directly). */
export async function ledgerFor(user: TestUser, ref: string, type: 'charge' | 'refund') {
  const { data } = await db()
    .entities.ledgerEntry.query.primary({ userId: user.userId })
    .go({ pages: 'all', consistent: true });
  return data.filter((entry) => entry.ref === ref && entry.type === type);
}

export type { TestUser };
