import { ApiKeySecret } from '../../../shared/accounts/entities/api-key';
import { User } from '../../../shared/accounts/entities/user';
import {
  apiKeySecretKey,
  parseItem,
  revokedTokenKey,
  tokenSessionKey,
  userKey,
} from '../../../shared/auth/authorizer-reads';
import { RevokedToken } from '../../../shared/auth/entities/revoked-token';
import { TokenSession } from '../../../shared/auth/entities/session';

/**
 * The authorizer reads with lib-dynamodb alone (shared/auth/authorizer-reads.ts); these prove it
 * reads exactly the items ElectroDB writes: the same keys, the same parsed attributes.
 */
const keyOf = (op: { params(o: { table: string }): unknown }) =>
  (op.params({ table: 't' }) as { Key: Record<string, string> }).Key;

const VALUES = ['usr_01M92KD9BH0YY1TR86VA6Y632V', 'at:AbC-12_x', 'oj:Mixed.Case#1', 'rt:0f3a9c'];

describe('authorizer reads', () => {
  it.each(VALUES)('uses ElectroDB keys for %s', (value) => {
    expect(userKey(value)).toEqual(keyOf(User.get({ userId: value })));
    expect(revokedTokenKey(value)).toEqual(keyOf(RevokedToken.get({ tokenId: value })));
    expect(tokenSessionKey(value)).toEqual(keyOf(TokenSession.get({ tokenId: value })));
    expect(apiKeySecretKey(value)).toEqual(keyOf(ApiKeySecret.get({ secretHash: value })));
  });

  it('parses a stored item exactly as ElectroDB does, and refuses another entity’s item', () => {
    const stored = {
      ...userKey('usr_1'),
      __edb_e__: 'user',
      __edb_v__: '1',
      userId: 'usr_1',
      email: 'a@example.com',
      username: 'alice',
      status: 'active',
      plan: 'free',
      tokensValidAfter: 1_700_000_000,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
    };
    expect(parseItem('user', stored)).toEqual(User.parse({ Item: stored }).data);
    expect(parseItem('user', { ...stored, __edb_e__: 'session' })).toBeUndefined();
    expect(parseItem('user', undefined)).toBeUndefined();
  });
});
