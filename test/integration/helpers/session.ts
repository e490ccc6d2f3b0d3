import { randomUUID } from 'node:crypto';
import { api } from './api';
import { codeIn, latestEmail } from './mailbox';

export interface TestUser {
  readonly userId: string;
  readonly email: string;
  readonly username: string;
  readonly password: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/**
 * A fresh, verified and signed-in user through the public API only (register, the emailed
 * code from /dev/mailbox, verify-email, login), as ../shared/API.md describes the flow.
 * Unique per call, so tests never share accounts.
 */
export async function signedInUser(prefix = 'user'): Promise<TestUser> {
  const unique = randomUUID().replaceAll('-', '').slice(0, 12);
  const email = `${prefix}-${unique}@example.test`;
  const username = `${prefix}_${unique}`.slice(0, 30).toLowerCase();
  const password = `Pw-${unique}-Aa1`;
  const since = new Date();

  const registered = await api.post<{ userId: string }>('/v1/auth/register', { email, username, password });
  if (registered.status !== 201)
    throw new Error(`register answered ${registered.status}: ${registered.text}`);
  const code = codeIn(await latestEmail(email, { since }));
  const verified = await api.post('/v1/auth/verify-email', { email, code });
  if (verified.status !== 200) throw new Error(`verify-email answered ${verified.status}: ${verified.text}`);
  const login = await api.post<{ accessToken: string; refreshToken: string }>('/v1/auth/login', {
    email,
    password,
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  return {
    userId: registered.json.userId,
    email,
    username,
    password,
    accessToken: login.json.accessToken,
    refreshToken: login.json.refreshToken,
  };
}

/**
 * Puts a test user on a plan directly in the table (a fixture: no charge, no ledger entry), for
 * suites that make more requests than the free plan's burst allows and are not about limits.
 */
export async function onPlan(user: TestUser, plan: 'free' | 'pro' | 'business'): Promise<TestUser> {
  const { db } = await import('../../../shared/platform/db/service');
  await db().entities.user.patch({ userId: user.userId }).set({ plan }).go();
  return user;
}

/** A signed-in user on the business plan (see `onPlan`): for suites that are not about limits. */
export const busyUser = async (prefix = 'user'): Promise<TestUser> =>
  onPlan(await signedInUser(prefix), 'business');
