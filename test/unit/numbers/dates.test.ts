import { addDays, addMonths } from '../../../shared/numbers/dates';

describe('addMonths', () => {
  it.each([
    ['2026-01-15T10:30:00.000Z', 1, '2026-02-15T10:30:00.000Z'],
    ['2026-01-31T00:00:00.000Z', 1, '2026-02-28T00:00:00.000Z'],
    ['2028-01-31T00:00:00.000Z', 1, '2028-02-29T00:00:00.000Z'],
    ['2026-01-31T00:00:00.000Z', 2, '2026-03-31T00:00:00.000Z'],
    ['2026-12-31T23:59:59.999Z', 1, '2027-01-31T23:59:59.999Z'],
    ['2026-03-31T12:00:00.000Z', 1, '2026-04-30T12:00:00.000Z'],
    ['2026-05-10T00:00:00.000Z', 12, '2027-05-10T00:00:00.000Z'],
  ])('%s + %i month(s) = %s', (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });

  it('does not drift when periods are counted from the purchase date', () => {
    const purchase = new Date('2026-01-31T08:00:00.000Z');

    expect(addMonths(purchase, 2).toISOString()).toBe('2026-03-31T08:00:00.000Z');
  });
});

describe('addDays', () => {
  it('moves by whole days, backwards too', () => {
    expect(addDays(new Date('2026-03-08T00:00:00.000Z'), -7).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});
