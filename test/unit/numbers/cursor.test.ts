import { decodeCursor, encodeCursor } from '../../../shared/numbers/cursor';

const partition = { field: 'gsi1pk', value: '$smsproj#status_available' };
const key = {
  pk: '$smsproj#phonenumber_+14155550123',
  sk: '$inventorynumber_1',
  gsi1pk: partition.value,
  gsi1sk: 'x',
};
const electro = Buffer.from(JSON.stringify(key)).toString('base64url');

describe('numbers cursors', () => {
  it('round-trips an ElectroDB cursor', () => {
    const ours = encodeCursor('available', electro)!;

    expect(ours).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('available', ours, partition)).toBe(electro);
  });

  it('maps no next page to null and no cursor to null', () => {
    expect(encodeCursor('available', null)).toBeNull();
    expect(decodeCursor('available', undefined, partition)).toBeNull();
  });

  it('checks the sort-key prefix of a begins_with query', () => {
    const ours = encodeCursor('available', electro)!;
    const ranged = { ...partition, sortField: 'gsi1sk', sortPrefix: 'x' };

    expect(decodeCursor('available', ours, ranged)).toBe(electro);
    expect(() => decodeCursor('available', ours, { ...ranged, sortPrefix: 'y' })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it.each([
    ['garbage', 'not-base64-json'],
    ['another kind', encodeCursor('owned', electro)!],
    [
      'another partition',
      encodeCursor(
        'available',
        Buffer.from(JSON.stringify({ ...key, gsi1pk: 'other' })).toString('base64url'),
      )!,
    ],
    [
      'a non-key field',
      Buffer.from(JSON.stringify({ k: 'available', key: { ...key, evil: 'x' } })).toString('base64url'),
    ],
    [
      'a non-string value',
      Buffer.from(JSON.stringify({ k: 'available', key: { ...key, sk: 1 } })).toString('base64url'),
    ],
    ['extra members', Buffer.from(JSON.stringify({ k: 'available', key, x: 1 })).toString('base64url')],
    ['an array', Buffer.from('[]').toString('base64url')],
  ])('rejects %s with a 400', (_name, raw) => {
    expect(() => decodeCursor('available', raw, partition)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});
