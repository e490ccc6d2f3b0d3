import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { api } from '../helpers/api';
import { signedInUser, type TestUser } from '../helpers/session';

/** Helpers shared by the numbers and SMS integration tests (all through the local gateway). */

export interface OwnedNumber {
  readonly phoneNumber: string;
  readonly country: string;
  readonly region?: string;
  readonly type: string;
  readonly capabilities: string[];
  readonly status: 'active' | 'cancelled' | 'expired';
  readonly autoRenew: boolean;
  readonly purchasedAt: string;
  readonly renewsAt: string;
  readonly monthlyPriceCents: number;
  readonly usage: { smsSent: number; smsReceived: number; periodStart: string };
}

export interface StockedNumber {
  readonly phoneNumber: string;
  readonly country: string;
  readonly type: string;
  readonly monthlyPriceCents: number;
  readonly setupPriceCents: number;
}

export const enc = (phoneNumber: string) => encodeURIComponent(phoneNumber);
export const bearer = (user: TestUser) => ({ token: user.accessToken });

/** Adds `cents` to the user's balance through /dev/credits; returns the new balance. */
export async function credit(user: TestUser, cents: number): Promise<number> {
  const response = await api.post<{ balanceCents: number }>('/dev/credits', {
    email: user.email,
    amountCents: cents,
  });
  if (response.status !== 200) throw new Error(`/dev/credits answered ${response.status}: ${response.text}`);
  return response.json.balanceCents;
}

/** A verified, signed-in user with `cents` of balance. */
export async function fundedUser(cents: number, prefix = 'num'): Promise<TestUser> {
  const user = await signedInUser(prefix);
  if (cents > 0) await credit(user, cents);
  return user;
}

/** Fresh numbers stocked for this test only (so parallel test files never compete for one). */
export async function stockNumbers(count = 1, country = 'US', type = 'local'): Promise<StockedNumber[]> {
  const response = await api.post<{ items: StockedNumber[] }>('/dev/numbers/stock', { country, type, count });
  if (response.status !== 201)
    throw new Error(`/dev/numbers/stock answered ${response.status}: ${response.text}`);
  return response.json.items;
}

export async function stockNumber(country = 'US', type = 'local'): Promise<StockedNumber> {
  const [number] = await stockNumbers(1, country, type);
  return number!;
}

export const firstPayment = (n: StockedNumber) => n.setupPriceCents + n.monthlyPriceCents;

/** Buys `phoneNumber` for `user` (201 expected). */
export async function buy(user: TestUser, phoneNumber: string, autoRenew?: boolean): Promise<OwnedNumber> {
  const response = await api.post<OwnedNumber>(
    '/v1/numbers',
    { phoneNumber, ...(autoRenew === undefined ? {} : { autoRenew }) },
    { ...bearer(user), idempotencyKey: randomUUID() },
  );
  if (response.status !== 201)
    throw new Error(`POST /v1/numbers answered ${response.status}: ${response.text}`);
  return response.json;
}

/** A funded user who owns one freshly stocked US number (plus `extraCents` left over). */
export async function userWithNumber(
  extraCents = 0,
  prefix = 'num',
): Promise<{ user: TestUser; number: OwnedNumber }> {
  const stocked = await stockNumber();
  const user = await fundedUser(firstPayment(stocked) + extraCents, prefix);
  return { user, number: await buy(user, stocked.phoneNumber) };
}

export async function balanceOf(user: TestUser): Promise<number> {
  const response = await api.get<{ balanceCents: number }>('/v1/me', bearer(user));
  if (response.status !== 200) throw new Error(`GET /v1/me answered ${response.status}: ${response.text}`);
  return response.json.balanceCents;
}

export async function ownedNumber(user: TestUser, phoneNumber: string): Promise<OwnedNumber> {
  const response = await api.get<OwnedNumber>(`/v1/numbers/${enc(phoneNumber)}`, bearer(user));
  if (response.status !== 200)
    throw new Error(`GET /v1/numbers/{n} answered ${response.status}: ${response.text}`);
  return response.json;
}

/** Runs the renew-numbers job for these users only, as if the clock read `now`. */
export async function runRenewals(now: Date | string, users: readonly TestUser[]): Promise<number> {
  const response = await api.post<{ processed: number }>('/dev/numbers/renewals/run', {
    now: typeof now === 'string' ? now : now.toISOString(),
    userIds: users.map((u) => u.userId),
  });
  if (response.status !== 200) throw new Error(`renewals run answered ${response.status}: ${response.text}`);
  return response.json.processed;
}

export const shiftDays = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/** Polls `read` until `done` holds (asynchronous effects such as the SMS send worker). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await sleep(100);
  }
}
