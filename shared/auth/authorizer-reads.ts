import { BatchGetCommand, GetCommand } from '#lib-dynamodb';
import type { ApiKeySecretItem } from '../accounts/entities/api-key';
import type { UserItem } from '../accounts/entities/user';
import { dynamo, tableName } from '../platform/db/client';
import { SERVICE_NAME } from '../platform/db/schema';
import { accessTokenId } from './token-ids';

/**
 * The authorizer's reads, with lib-dynamodb alone. The authorizer runs before every request, and
 * ElectroDB — its ~220 KB, its module initialisation and the entities of the auth data module —
 * was most of its cold start beyond the bare SDK (bench/RESULTS.md, "Cold start"). It reads the
 * same items under ElectroDB's own keys: test/unit/auth/authorizer-reads.test.ts proves every key
 * equal to the entity's `get(...).params()` and every item equal to the entity's `parse`. Writes
 * stay with the data modules.
 *
 * Only entities whose primary key is one attribute with an empty sort key are read here.
 */
export type ItemKey = {
  readonly pk: string;
  readonly sk: string;
};

/** ElectroDB's key of an entity keyed by one attribute (default casing: lower, model version 1). */
export function singletonKey(entity: string, attribute: string, value: string): ItemKey {
  return {
    pk: `$${SERVICE_NAME}#${attribute}_${value}`.toLowerCase(),
    sk: `$${entity}_1`.toLowerCase(),
  };
}

export const userKey = (userId: string): ItemKey => singletonKey('user', 'userId', userId);
export const revokedTokenKey = (tokenId: string): ItemKey => singletonKey('revokedToken', 'tokenId', tokenId);
export const tokenSessionKey = (tokenId: string): ItemKey => singletonKey('tokenSession', 'tokenId', tokenId);
export const apiKeySecretKey = (secretHash: string): ItemKey =>
  singletonKey('apiKeySecret', 'secretHash', secretHash);

/** The entity's attributes of a stored item, as ElectroDB's `parse` gives them; undefined if another entity's. */
export function parseItem<T>(entity: string, item: Record<string, unknown> | undefined): T | undefined {
  if (!item || item.__edb_e__ !== entity) return undefined;
  const { pk: _pk, sk: _sk, __edb_e__: _e, __edb_v__: _v, ...attributes } = item;
  return attributes as T;
}

async function getItem<T>(entity: string, key: ItemKey): Promise<T | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return parseItem<T>(entity, Item);
}

export const getUser = (userId: string) => getItem<UserItem>('user', userKey(userId));
export const getApiKeySecret = (secretHash: string) =>
  getItem<ApiKeySecretItem>('apiKeySecret', apiKeySecretKey(secretHash));

/** The login session an access token belongs to (its token → session link). */
export async function sessionOfAccessToken(jti: string): Promise<string | undefined> {
  const link = await getItem<{ sessionId: string }>('tokenSession', tokenSessionKey(accessTokenId(jti)));
  return link?.sessionId;
}

/** The user and the denylist entries of a token in one strongly consistent BatchGetItem. */
export async function loadUserAndDenylist(
  userId: string,
  tokenIds: readonly string[],
): Promise<{ user: UserItem | undefined; revoked: boolean }> {
  const ownKey = userKey(userId);
  const deniedKeys = tokenIds.map(revokedTokenKey);
  const table = tableName();
  const items: Record<string, unknown>[] = [];
  let keys: Record<string, unknown>[] = [ownKey, ...deniedKeys];
  // A denylist entry left unprocessed must not read as "not revoked": retry until every key is answered.
  for (let attempt = 0; keys.length > 0; attempt += 1) {
    if (attempt === 5) throw new Error('BatchGetItem left keys unprocessed');
    const out = await dynamo().send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    );
    items.push(...(out.Responses?.[table] ?? []));
    keys = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  const userItem = items.find((item) => item.pk === ownKey.pk && item.sk === ownKey.sk);
  const revoked = items.some((item) => deniedKeys.some((k) => k.pk === item.pk && k.sk === item.sk));
  return { user: parseItem<UserItem>('user', userItem), revoked };
}
