import { setTimeout as sleep } from 'node:timers/promises';
import { resetConfig } from '../../../shared/platform/config';
import { exportHistory } from '../../../shared/verifications/exports';
import { expectProblem } from '../helpers/api';
import {
  as,
  cancel,
  complete,
  created,
  deliverSms,
  fundedUser,
  seedPool,
  type TestUser,
  type Verification,
} from './helpers';

const HEADER = 'id,service,phoneNumber,status,finalCode,priceCents,createdAt,expiresAt,completedAt';

interface Page {
  items: Verification[];
  nextCursor: string | null;
}

/** Follows nextCursor to the end; returns the pages' ids. */
async function walk(user: TestUser, query: string): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await as(user).get<Page>(`/v1/verifications?${query}${suffix}`);
    expect(response.status).toBe(200);
    pages.push(response.json.items.map((v) => v.id));
    cursor = response.json.nextCursor;
    if (pages.length > 20) throw new Error('pagination does not end');
  } while (cursor);
  return pages;
}

async function pollExport(
  user: TestUser,
  exportId: string,
): Promise<{ status: string; downloadUrl?: string; rowCount?: number }> {
  for (let i = 0; i < 100; i++) {
    const response = await as(user).get<{ status: string; downloadUrl?: string }>(
      `/v1/verifications/exports/${exportId}`,
    );
    expect(response.status).toBe(200);
    if (response.json.status === 'ready' || response.json.status === 'failed') return response.json;
    await sleep(100);
  }
  throw new Error('export did not finish');
}

describe('history and export', () => {
  let user: TestUser;
  /** Oldest first: a (cancelled telegram), b (cancelled google), c (completed telegram), d (pending whatsapp), e (pending telegram). */
  let v: Record<'a' | 'b' | 'c' | 'd' | 'e', Verification>;

  beforeAll(async () => {
    // Released numbers cool down before they are rented again: one number per request.
    await seedPool('SK', 5);
    user = await fundedUser(1000);
    const a = await created(user, { service: 'telegram', country: 'SK' });
    await cancel(user, a.id);
    const b = await created(user, { service: 'google', country: 'SK' });
    await cancel(user, b.id);
    const c = await created(user, { service: 'telegram', country: 'SK' });
    await deliverSms(c.phoneNumber, 'Telegram code: 77123', 'Telegram');
    await complete(user, c.id);
    const d = await created(user, { service: 'whatsapp', country: 'SK' });
    const e = await created(user, { service: 'telegram', country: 'SK' });
    v = { a, b, c, d, e };
  });

  it('lists newest first and pages through everything without gaps or repeats', async () => {
    const all = await as(user).get<Page>('/v1/verifications');
    expect(all.status).toBe(200);
    expect(all.json.items.map((i) => i.id)).toEqual([v.e.id, v.d.id, v.c.id, v.b.id, v.a.id]);
    expect(all.json.nextCursor).toBeNull();
    expect(all.json.items[2]).toEqual(expect.objectContaining({ status: 'completed', finalCode: '77123' }));

    expect(await walk(user, 'limit=2')).toEqual([[v.e.id, v.d.id], [v.c.id, v.b.id], [v.a.id]]);
  });

  it('filters by service, status and both, with pagination', async () => {
    expect((await walk(user, 'service=telegram')).flat()).toEqual([v.e.id, v.c.id, v.a.id]);
    expect((await walk(user, 'status=cancelled')).flat()).toEqual([v.b.id, v.a.id]);
    expect((await walk(user, 'status=pending&service=whatsapp')).flat()).toEqual([v.d.id]);
    expect(await walk(user, 'service=telegram&limit=1')).toEqual([[v.e.id], [v.c.id], [v.a.id]]);
    expect((await walk(user, 'status=expired')).flat()).toEqual([]);
  });

  it('filters by from/to (ISO dates and date-times)', async () => {
    const day = v.a.createdAt.slice(0, 10);
    const tomorrow = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    expect((await walk(user, `from=${day}&to=${tomorrow}`)).flat()).toHaveLength(5);
    expect((await walk(user, `from=${tomorrow}`)).flat()).toEqual([]);
    expect((await walk(user, `to=${yesterday}`)).flat()).toEqual([]);
    expect((await walk(user, `from=${encodeURIComponent(v.c.createdAt)}`)).flat()).toEqual([
      v.e.id,
      v.d.id,
      v.c.id,
    ]);
    expect((await walk(user, `to=${encodeURIComponent(v.b.createdAt)}`)).flat()).toEqual([v.b.id, v.a.id]);
  });

  it.each([
    'status=done',
    'service=myspace',
    'from=yesterday',
    'from=2026-02-30',
    'to=2026-11-23T24:30Z',
    'from=2026-11-24&to=2026-11-23',
    'limit=0',
    'limit=1000',
    'cursor=%24%24%24',
    'cursor=eyJiIjoidnJmXzAxIiwiZiI6IngifQ',
    'order=asc',
  ])('400 for a bad filter: %s', async (query) => {
    expectProblem(await as(user).get(`/v1/verifications?${query}`), 400, 'validation_failed');
  });

  it('a cursor only works with the filters it was made for', async () => {
    const first = await as(user).get<Page>('/v1/verifications?limit=1&service=telegram');
    const cursor = encodeURIComponent(first.json.nextCursor ?? '');
    expectProblem(
      await as(user).get(`/v1/verifications?limit=1&service=google&cursor=${cursor}`),
      400,
      'validation_failed',
    );
  });

  it("another user's history is empty", async () => {
    const stranger = await fundedUser(0);
    const response = await as(stranger).get<Page>('/v1/verifications');
    expect(response.json).toEqual({ items: [], nextCursor: null });
  });

  it('exports CSV: header, one row per verification, RFC 4180, formula-safe, as an attachment', async () => {
    const response = await as(user).get('/v1/verifications/export?format=csv');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="verifications-.*\.csv"$/,
    );
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1)).toHaveLength(5);
    const rowOf = (id: string) => lines.find((l) => l.startsWith(id))?.split(',');
    expect(rowOf(v.c.id)).toEqual([
      v.c.id,
      'telegram',
      `'${v.c.phoneNumber}`,
      'completed',
      '77123',
      '25',
      v.c.createdAt,
      v.c.expiresAt,
      expect.stringMatching(/^\d{4}-/),
    ]);
    expect(rowOf(v.d.id)?.[4]).toBe('');
  });

  it('exports JSON with the same columns, filtered like the history', async () => {
    const response = await as(user).get<Array<Record<string, unknown>>>(
      '/v1/verifications/export?format=json&service=telegram',
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.json"$/);
    expect(response.json.map((row) => row.id)).toEqual([v.e.id, v.c.id, v.a.id]);
    expect(Object.keys(response.json[0] ?? {})).toEqual(HEADER.split(','));
    expect(response.json[1]).toEqual(
      expect.objectContaining({ phoneNumber: v.c.phoneNumber, finalCode: '77123', priceCents: 25 }),
    );
  });

  it('large exports run as a job: 202 { exportId }, then a presigned download of the same file', async () => {
    const inline = await as(user).get('/v1/verifications/export?format=csv&status=cancelled');
    const started = await as(user).get<{ exportId: string }>(
      '/v1/verifications/export?format=csv&status=cancelled&async=true',
    );

    expect(started.status).toBe(202);
    expect(started.json.exportId).toMatch(/^vex_[0-9A-HJKMNP-TV-Z]{26}$/);
    const done = await pollExport(user, started.json.exportId);
    expect(done).toEqual(expect.objectContaining({ status: 'ready', rowCount: 2 }));
    const file = await fetch(done.downloadUrl ?? '');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(await file.text()).toBe(inline.text);

    const stranger = await fundedUser(0);
    expectProblem(
      await as(stranger).get(`/v1/verifications/exports/${started.json.exportId}`),
      404,
      'not_found',
    );
  });

  it('the size threshold decides between a download and a job (VERIFICATION_EXPORT_SYNC_LIMIT)', async () => {
    const saved = process.env.VERIFICATION_EXPORT_SYNC_LIMIT;
    process.env.VERIFICATION_EXPORT_SYNC_LIMIT = '2';
    resetConfig();
    try {
      const small = await exportHistory(user.userId, {
        filters: { status: 'cancelled' },
        format: 'csv',
        forceAsync: false,
      });
      const large = await exportHistory(user.userId, { filters: {}, format: 'json', forceAsync: false });

      expect(small.kind).toBe('file');
      expect(large.kind).toBe('job');
      if (large.kind !== 'job') return;
      const done = await pollExport(user, large.exportId);
      expect(done).toEqual(expect.objectContaining({ status: 'ready', rowCount: 5 }));
      const rows = (await (await fetch(done.downloadUrl ?? '')).json()) as Array<{ id: string }>;
      expect(rows.map((r) => r.id)).toEqual([v.e.id, v.d.id, v.c.id, v.b.id, v.a.id]);
    } finally {
      if (saved === undefined) delete process.env.VERIFICATION_EXPORT_SYNC_LIMIT;
      else process.env.VERIFICATION_EXPORT_SYNC_LIMIT = saved;
      resetConfig();
    }
  });

  it('400 for a bad export format', async () => {
    expectProblem(await as(user).get('/v1/verifications/export?format=xlsx'), 400, 'validation_failed');
  });
});
