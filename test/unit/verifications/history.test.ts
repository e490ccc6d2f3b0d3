import { ulid } from 'ulid';
import { InvalidInput } from '../../../shared/platform/errors';
import type { VerificationItem } from '../../../shared/verifications/entities/verification';
import {
  decodeCursor,
  encodeCursor,
  idJustBelow,
  idRange,
  matches,
} from '../../../shared/verifications/history';

const ID = 'vrf_01JZ0000000000000000000000';

describe('history cursors', () => {
  it('round-trips for the same filters', () => {
    const filters = { status: 'pending' as const };
    expect(decodeCursor(encodeCursor({ before: ID }, filters), filters)).toEqual({ before: ID });
  });

  const rejects = (cursor: string, filters = {}) => {
    let error: unknown;
    try {
      decodeCursor(cursor, filters);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInput);
  };

  it('rejects a cursor made for other filters', () => {
    rejects(encodeCursor({ before: ID }, { service: 'telegram' }), { service: 'google' });
  });

  it('rejects forged and garbage cursors', () => {
    rejects('abc');
    rejects(Buffer.from('[]').toString('base64url'));
    rejects(Buffer.from(JSON.stringify({ b: 'usr_x', f: 'x' })).toString('base64url'));
    rejects(Buffer.from(JSON.stringify({ b: ID, f: 'forged' })).toString('base64url'));
    rejects(Buffer.from('null').toString('base64url'));
  });
});

describe('history window', () => {
  it('maps from/to onto ULID bounds that contain exactly the ids of that window', () => {
    const from = Date.parse('2026-11-01T00:00:00Z');
    const to = Date.parse('2026-11-02T00:00:00Z');
    const { lower, upper } = idRange({ fromMs: from, toMs: to });
    const idAt = (ms: number) => `vrf_${ulid(ms)}`;
    const inside = (id: string) => id >= lower && id <= upper;
    expect(inside(idAt(from))).toBe(true);
    expect(inside(idAt(to))).toBe(true);
    expect(inside(idAt(from + 3_600_000))).toBe(true);
    expect(inside(idAt(from - 1))).toBe(false);
    expect(inside(idAt(to + 1))).toBe(false);
  });

  it('an open window covers every id', () => {
    const { lower, upper } = idRange({});
    const id = `vrf_${ulid()}`;
    expect(id >= lower && id <= upper).toBe(true);
  });

  it('filters service and status on the items read', () => {
    const item = { service: 'telegram', status: 'pending' } as VerificationItem;
    expect(matches(item, {})).toBe(true);
    expect(matches(item, { service: 'telegram', status: 'pending' })).toBe(true);
    expect(matches(item, { service: 'google' })).toBe(false);
    expect(matches(item, { status: 'completed' })).toBe(false);
  });
});

describe('keyset position', () => {
  it('gives the greatest id strictly below an id', () => {
    expect(idJustBelow('vrf_01JZ0000000000000000000001')).toBe('vrf_01JZ0000000000000000000000');
    expect(idJustBelow('vrf_01JZ0000000000000000000010')).toBe('vrf_01JZ000000000000000000000Z');
    expect(idJustBelow('vrf_01JZ000000000000000000000J')).toBe('vrf_01JZ000000000000000000000H');
    expect(idJustBelow('vrf_00000000000000000000000000')).toBeUndefined();
  });
});
