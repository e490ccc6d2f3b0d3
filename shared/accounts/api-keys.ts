import { recordActivity } from '../activity/service';
import { getUser } from '../auth/users';
import { isConditionalFailure } from '../platform/db/errors';
import { conflictBackoff, conflicted } from '../platform/db/transactions';
import { LimitReached, NotFound } from '../platform/errors';
import { db } from './api-keys-db';
import type { Scope } from '../platform/http/route';
import { newId } from '../platform/ids';
import { generateApiKey, hashApiKey, visiblePrefix } from './api-key-secret';
import type { ApiKeyItem } from './entities/api-key';
import { deleteGatewayKey } from './gateway-keys';

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly string[];
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly rotatedAt: string | null;
  readonly lastUsedAt: string | null;
}

const view = (k: ApiKeyItem): ApiKeyView => ({
  id: k.keyId,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  status: k.status,
  createdAt: k.createdAt,
  rotatedAt: k.rotatedAt ?? null,
  lastUsedAt: k.lastUsedAt ?? null,
});

/** Live (not revoked) API keys a user may hold (../shared/API.md, v1.1 security). */
export const MAX_LIVE_API_KEYS = 20;
/** Tries of a key transaction that keeps losing races on the user's key counter. */
const KEY_TRANSACTION_ATTEMPTS = 10;

async function liveKeyCount(userId: string): Promise<number> {
  const { data } = await db()
    .entities.apiKey.query.primary({ userId })
    .where((attr, op) => op.eq(attr.status, 'active'))
    .go({ pages: 'all', attributes: ['keyId'] });
  return data.length;
}

/**
 * The user's live-key counter, created on first use from the keys already held (keys made
 * before the counter existed). No key becomes live or revoked without a transaction that
 * also writes the existing counter, and the counter is only created where none exists, so the
 * count it starts from cannot be stale.
 */
async function ensureKeyCounter(userId: string): Promise<void> {
  const { data } = await db().entities.apiKeyCount.get({ userId }).go({ consistent: true });
  if (data) return;
  const live = await liveKeyCount(userId);
  await db()
    .entities.apiKeyCount.create({ userId, live })
    .go()
    .catch((error: unknown) => {
      if (!isConditionalFailure(error)) throw error; // a parallel request created it first
    });
}

/** True when the transaction item at `index` failed its condition (not a mere conflict). */
const conditionFailed = (result: { data: ReadonlyArray<{ code?: string }> }, index: number): boolean =>
  result.data[index]?.code === 'ConditionalCheckFailed';

/**
 * Creates a key; the secret is returned once and only its SHA-256 is stored. At most
 * MAX_LIVE_API_KEYS live keys (403 limit_reached), exact under parallel creates: the key is
 * written in one transaction with the user's counter, conditional on the limit. No API Gateway
 * key is made per platform key: the authorizer identifies every key of a user by the user's
 * usage-plan key, so the plan's rate is the user's, and keys cannot exhaust the region's API
 * Gateway key quota.
 */
export async function createApiKey(
  userId: string,
  name: string,
  scopes: readonly Scope[],
): Promise<ApiKeyView & { key: string }> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  await ensureKeyCounter(userId);
  const keyId = newId('key');
  const key = generateApiKey();
  const secretHash = hashApiKey(key);
  for (let attempt = 0; ; attempt += 1) {
    const result = await db()
      .transaction.write(({ apiKeyCount, apiKey, apiKeySecret }) => [
        apiKeyCount
          .patch({ userId })
          .add({ live: 1 })
          .where((attr, op) => op.lt(attr.live, MAX_LIVE_API_KEYS))
          .commit(),
        apiKey
          .create({
            userId,
            keyId,
            name,
            prefix: visiblePrefix(key),
            scopes: [...scopes],
            secretHash,
          })
          .commit(),
        apiKeySecret
          .create({
            secretHash,
            keyId,
            userId,
            scopes: [...scopes],
          })
          .commit(),
      ])
      .go();
    if (!result.canceled) break;
    if (conditionFailed(result, 0)) {
      throw new LimitReached(`At most ${MAX_LIVE_API_KEYS} live API keys; revoke one first.`, {
        extensions: { limit: MAX_LIVE_API_KEYS },
      });
    }
    if (!conflicted(result) || attempt + 1 >= KEY_TRANSACTION_ATTEMPTS) {
      throw new Error('API key transaction kept being cancelled');
    }
    await conflictBackoff(attempt);
  }
  await recordActivity(userId, 'api_key', `API key "${name}" created`, keyId);
  const { data } = await db().entities.apiKey.get({ userId, keyId }).go({ consistent: true });
  if (!data) throw new Error('API key vanished after creation');
  return { ...view(data), key };
}

export async function listApiKeys(userId: string): Promise<ApiKeyView[]> {
  const { data } = await db().entities.apiKey.query.primary({ userId }).go({ pages: 'all' });
  return data.map(view).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

async function activeKey(userId: string, keyId: string): Promise<ApiKeyItem> {
  const { data } = await db().entities.apiKey.get({ userId, keyId }).go({ consistent: true });
  if (data?.status !== 'active') throw new NotFound('No such API key.');
  return data;
}

/**
 * Rotation: one transaction deletes the old secret's lookup item (so the old secret is
 * rejected at once), writes the new one and updates the key — conditional on the key still
 * having the old hash, so two concurrent rotations cannot both succeed.
 */
export async function rotateApiKey(userId: string, keyId: string): Promise<ApiKeyView & { key: string }> {
  const current = await activeKey(userId, keyId);
  const key = generateApiKey();
  const secretHash = hashApiKey(key);
  const { data: oldSecret } = await db()
    .entities.apiKeySecret.get({ secretHash: current.secretHash })
    .go({ consistent: true });
  const result = await db()
    .transaction.write(({ apiKey, apiKeySecret }) => [
      apiKeySecret.delete({ secretHash: current.secretHash }).commit(),
      apiKeySecret
        .create({
          secretHash,
          keyId,
          userId,
          scopes: current.scopes,
          ...(oldSecret?.gatewayApiKeyValue ? { gatewayApiKeyValue: oldSecret.gatewayApiKeyValue } : {}),
        })
        .commit(),
      apiKey
        .patch({ userId, keyId })
        .set({ secretHash, prefix: visiblePrefix(key), rotatedAt: new Date().toISOString() })
        .where(
          (attr, op) => `${op.eq(attr.secretHash, current.secretHash)} AND ${op.eq(attr.status, 'active')}`,
        )
        .commit(),
    ])
    .go();
  if (result.canceled) throw new NotFound('No such API key.');
  await recordActivity(userId, 'api_key', `API key "${current.name}" rotated`, keyId);
  const { data } = await db().entities.apiKey.get({ userId, keyId }).go({ consistent: true });
  if (!data) throw new NotFound('No such API key.');
  return { ...view(data), key };
}

/**
 * Revocation deletes the secret's lookup item in the same transaction: rejected from the next
 * request on. The write is conditional on the secret hash it read, so a rotation landing in
 * between (which replaced the secret) cancels it and the revoke retries on the new secret;
 * otherwise the rotated secret would outlive the revocation.
 */
export async function revokeApiKey(userId: string, keyId: string): Promise<void> {
  await ensureKeyCounter(userId);
  for (let attempt = 0; attempt < KEY_TRANSACTION_ATTEMPTS; attempt += 1) {
    const current = await activeKey(userId, keyId);
    const result = await db()
      .transaction.write(({ apiKey, apiKeySecret, apiKeyCount }) => [
        apiKeySecret.delete({ secretHash: current.secretHash }).commit(),
        apiKey
          .patch({ userId, keyId })
          .set({ status: 'revoked', revokedAt: new Date().toISOString() })
          .where(
            (attr, op) => `${op.eq(attr.status, 'active')} AND ${op.eq(attr.secretHash, current.secretHash)}`,
          )
          .commit(),
        apiKeyCount.patch({ userId }).add({ live: -1 }).commit(),
      ])
      .go();
    if (result.canceled) {
      // Rotated or revoked meanwhile (or a parallel write to the counter): read again.
      await conflictBackoff(attempt);
      continue;
    }
    await deleteGatewayKey(current.gatewayKeyId);
    await recordActivity(userId, 'api_key', `API key "${current.name}" revoked`, keyId);
    return;
  }
  throw new NotFound('No such API key.');
}

/** Marks a key used (at most once a minute per key, so lists show a useful lastUsedAt cheaply). */
export async function touchApiKey(userId: string, keyId: string, at: Date = new Date()): Promise<void> {
  const iso = at.toISOString();
  const minuteAgo = new Date(at.getTime() - 60_000).toISOString();
  await db()
    .entities.apiKey.patch({ userId, keyId })
    .set({ lastUsedAt: iso })
    .where((attr, op) => `${op.notExists(attr.lastUsedAt)} OR ${op.lt(attr.lastUsedAt, minuteAgo)}`)
    .go()
    .catch((error: unknown) => {
      // Already touched within the minute: nothing to do.
      if (!isConditionalFailure(error)) throw error;
    });
}
