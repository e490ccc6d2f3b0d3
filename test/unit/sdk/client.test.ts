import { ApiProblem, createClient, paginate, retrying, unwrap } from '../../../sdk';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
  });

const rateLimited = (retryAfter: string) =>
  json(
    429,
    { type: 't', title: 'Too many', status: 429, detail: 'd', code: 'rate_limited' },
    { 'retry-after': retryAfter },
  );

describe('SDK helpers', () => {
  it('retries a 429 after Retry-After, a bounded number of times', async () => {
    const waits: number[] = [];
    const responses = [rateLimited('2'), rateLimited('1'), json(200, { ok: true })];
    const seen: Request[] = [];
    const fetcher = retrying(
      async (input) => {
        seen.push(input as Request);
        return responses.shift()!;
      },
      { sleep: async (ms) => void waits.push(ms) },
    );

    const response = await fetcher(new Request('http://api.test/v1/sms', { method: 'POST', body: '{}' }));

    expect(response.status).toBe(200);
    expect(waits).toEqual([2000, 1000]);
    expect(seen).toHaveLength(3);
  });

  it('gives up after maxRetries, and at once when Retry-After exceeds maxDelaySeconds', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const always = retrying(async () => rateLimited('1'), { maxRetries: 2, sleep });
    const tooLong = retrying(async () => rateLimited('3600'), { sleep });

    expect((await always('http://api.test/v1/me')).status).toBe(429);
    expect((await tooLong('http://api.test/v1/me')).status).toBe(429);
    expect(waits).toEqual([1000, 1000]);
  });

  it('adds auth headers, and one Idempotency-Key per creating call kept across retries', async () => {
    const seen: Request[] = [];
    let keys = 0;
    const responses = [
      rateLimited('0'),
      json(202, { messageId: 'm', conversationId: 'c', status: 'queued' }),
      json(200, {}),
    ];
    const api = createClient({
      baseUrl: 'http://api.test',
      accessToken: () => 'tok',
      apiKey: 'smsk_test',
      idempotencyKey: () => `key-${++keys}`,
      retry: { sleep: async () => undefined },
      fetch: async (input) => {
        seen.push((input as Request).clone());
        return responses.shift()!;
      },
    });

    const queued = await unwrap(
      api.POST('/v1/sms', { body: { from: '+14155550100', to: '+14155550123', body: 'hi' } }),
    );
    await unwrap(api.GET('/v1/me'));

    expect(queued.status).toBe('queued');
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual(['key-1', 'key-1', null]);
    expect(seen.every((r) => r.headers.get('authorization') === 'Bearer tok')).toBe(true);
    expect(seen[0]!.headers.get('x-api-key')).toBe('smsk_test');
  });

  it('throws ApiProblem with status, code and field errors', async () => {
    const api = createClient({
      baseUrl: 'http://api.test',
      fetch: async () =>
        json(400, {
          type: 't',
          title: 'Validation failed',
          status: 400,
          detail: 'The request is not valid.',
          code: 'validation_failed',
          errors: [{ path: 'body.email', message: 'Must be a valid email address.' }],
        }),
    });

    const error = await unwrap(api.POST('/v1/auth/forgot-password', { body: { email: 'x' } })).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', errors: [{ path: 'body.email' }] });
  });

  it('throws a plain ApiProblem for an error that is not problem+json (a proxy error page)', async () => {
    const api = createClient({
      baseUrl: 'http://api.test',
      retry: false,
      fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });

    const error = await unwrap(api.GET('/v1/me')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).body).toEqual({
      type: 'about:blank',
      title: 'HTTP 502',
      status: 502,
      detail: 'HTTP 502',
      code: 'unknown',
    });
  });

  it('iterates over every item of every cursor page', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      start: { items: [1, 2], nextCursor: 'b' },
      b: { items: [3], nextCursor: 'c' },
      c: { items: [], nextCursor: null },
    };
    const cursors: Array<string | undefined> = [];

    const items: number[] = [];
    for await (const item of paginate(async (cursor) => {
      cursors.push(cursor);
      return { data: pages[cursor ?? 'start']!, response: new Response(null, { status: 200 }) };
    })) {
      items.push(item);
    }

    expect(items).toEqual([1, 2, 3]);
    expect(cursors).toEqual([undefined, 'b', 'c']);
  });
});
