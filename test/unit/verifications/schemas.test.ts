import { createVerificationBody, exportQuery, historyQuery } from '../../../shared/verifications/schemas';

describe('history filters', () => {
  it('defaults: no filters, limit 20', () => {
    expect(historyQuery.parse({})).toEqual({ filters: {}, limit: 20, cursor: undefined });
  });

  it('parses service, status and an inclusive from/to window', () => {
    const { filters, limit } = historyQuery.parse({
      service: 'telegram',
      status: 'completed',
      from: '2026-11-01',
      to: '2026-11-23',
      limit: '5',
    });
    expect(limit).toBe(5);
    expect(filters).toEqual({
      service: 'telegram',
      status: 'completed',
      fromMs: Date.parse('2026-11-01T00:00:00.000Z'),
      // A date-only `to` covers that whole day.
      toMs: Date.parse('2026-11-24T00:00:00.000Z') - 1,
    });
  });

  it('reads a date-time without a zone as UTC', () => {
    expect(historyQuery.parse({ from: '2026-11-23T10:00' }).filters.fromMs).toBe(
      Date.parse('2026-11-23T10:00:00Z'),
    );
  });

  it('takes date-times with a zone as exact instants', () => {
    const { filters } = historyQuery.parse({
      from: '2026-11-23T10:00:00+02:00',
      to: '2026-11-23T10:30:00.5Z',
    });
    expect(filters.fromMs).toBe(Date.parse('2026-11-23T08:00:00Z'));
    expect(filters.toMs).toBe(Date.parse('2026-11-23T10:30:00.500Z'));
  });

  it.each([
    [{ status: 'done' }, 'status'],
    [{ status: '' }, 'status'],
    [{ service: 'myspace' }, 'service'],
    [{ from: 'yesterday' }, 'from'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '2026-11-23T25:00:00Z' }, 'from'],
    [{ from: '2026-11-23 10:00:00' }, 'from'],
    [{ to: '2026-13-01' }, 'to'],
    [{ from: '2026-11-24', to: '2026-11-23' }, 'from'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '101' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ cursor: 'not a cursor!' }, 'cursor'],
    [{ sort: 'asc' }, ''],
  ])('rejects %j', (query, path) => {
    const result = historyQuery.safeParse(query);
    expect(result.success).toBe(false);
    if (path) expect(result.error?.issues.some((i) => i.path.join('.') === path)).toBe(true);
  });
});

describe('export query', () => {
  it('defaults to CSV, synchronous when small', () => {
    expect(exportQuery.parse({})).toEqual({ filters: {}, format: 'csv', forceAsync: false });
  });

  it('accepts json and an explicit background export', () => {
    expect(exportQuery.parse({ format: 'json', async: 'true', status: 'expired' })).toEqual({
      filters: { status: 'expired' },
      format: 'json',
      forceAsync: true,
    });
  });

  it.each([{ format: 'xlsx' }, { async: 'yes' }, { status: 'gone' }, { limit: '5' }])(
    'rejects %j',
    (query) => {
      expect(exportQuery.safeParse(query).success).toBe(false);
    },
  );
});

describe('create body', () => {
  it('normalises the country code', () => {
    expect(createVerificationBody.parse({ service: 'google', country: 'gb' })).toEqual({
      service: 'google',
      country: 'GB',
    });
  });

  it.each([
    {},
    { service: 'nope' },
    { service: 'google', country: 'GBR' },
    { service: 'google', extra: true },
    { service: 42 },
  ])('rejects %j', (body) => {
    expect(createVerificationBody.safeParse(body).success).toBe(false);
  });
});
