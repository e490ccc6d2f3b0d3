import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import * as z from 'zod';
import { httpHandler, ok } from '../../../../shared/platform/http/handler';
import { defineRoute } from '../../../../shared/platform/http/route';

const route = defineRoute({
  id: 'testEcho',
  method: 'POST',
  path: '/v1/test/{id}',
  handler: 'test/echo',
  auth: 'user-or-key',
  scope: 'messages:write',
  summary: 'echo',
  params: z.object({ id: z.string().regex(/^t_[a-z0-9]+$/) }),
  body: z.object({ text: z.string().min(1).max(10) }).strict(),
});

const handler = httpHandler(route, async ({ params, body, auth }) =>
  ok({ id: params.id, text: body.text, user: auth.userId }),
);

const context = {
  functionName: 'test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

function event(
  overrides: Partial<APIGatewayProxyEvent> & { authorizer?: Record<string, string> | null } = {},
) {
  const { authorizer = { userId: 'usr_1', via: 'jwt', plan: 'free' }, ...rest } = overrides;
  return {
    httpMethod: 'POST',
    path: '/v1/test/t_1',
    resource: '/v1/test/{id}',
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    pathParameters: { id: 't_1' },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    isBase64Encoded: false,
    body: JSON.stringify({ text: 'hello' }),
    requestContext: { requestId: 'r1', identity: { sourceIp: '127.0.0.1' }, authorizer },
    ...rest,
  } as unknown as APIGatewayProxyEvent;
}

const call = async (e: APIGatewayProxyEvent) => {
  const res = await handler(e, context);
  return { ...res, json: res.body ? JSON.parse(res.body) : undefined };
};

describe('httpHandler', () => {
  it('passes validated input and the caller to the function', async () => {
    const res = await call(event());
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({ id: 't_1', text: 'hello', user: 'usr_1' });
  });

  it.each([
    ['broken JSON', '{"text":', 'invalid_json'],
    ['unknown field', JSON.stringify({ text: 'a', admin: true }), 'validation_failed'],
    ['wrong type', JSON.stringify({ text: 5 }), 'validation_failed'],
    ['null body', 'null', 'validation_failed'],
    ['array body', '[]', 'validation_failed'],
    ['prototype pollution', '{"__proto__":{"x":1},"text":"a"}', 'invalid_json'],
    ['lone surrogate', '{"text":"\\ud800"}', 'invalid_json'],
    ['NUL character', '{"text":"a\\u0000"}', 'invalid_json'],
    ['deep nesting', `{"text":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'invalid_json'],
  ])('answers 400 problem+json for %s', async (_name, body, code) => {
    const res = await call(event({ body }));
    expect(res.statusCode).toBe(400);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 400, code });
  });

  it('answers 400 for a bad path parameter', async () => {
    const res = await call(event({ pathParameters: { id: '../etc/passwd' } }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors[0].path).toBe('path.id');
  });

  it('answers 413 for an oversized body', async () => {
    const res = await call(event({ body: JSON.stringify({ text: 'x'.repeat(300_000) }) }));
    expect(res.statusCode).toBe(413);
  });

  it('answers 415 for a non-JSON content type', async () => {
    const res = await call(event({ headers: { 'Content-Type': 'text/plain' } }));
    expect(res.statusCode).toBe(415);
  });

  it('answers 401 without an authorizer context', async () => {
    const res = await call(event({ authorizer: null }));
    expect(res.statusCode).toBe(401);
    expect(res.json.code).toBe('unauthorized');
  });

  it('answers 403 insufficient_scope for an API key without the route scope', async () => {
    const res = await call(
      event({
        authorizer: { userId: 'usr_1', via: 'key', keyId: 'key_1', scopes: 'sms:send', plan: 'free' },
      }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json.code).toBe('insufficient_scope');
  });

  it('hides internals of unexpected errors', async () => {
    const failing = httpHandler(route, async () => {
      throw new Error('secret internal detail');
    });
    const res = await failing(event(), context);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });
});

describe('httpHandler logging', () => {
  /** Everything the Powertools logger prints (it writes JSON lines to stdout/stderr). */
  function captureLogs(): { lines: () => Array<Record<string, unknown>>; restore: () => void } {
    const chunks: string[] = [];
    const spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      }),
    );
    return {
      lines: () =>
        chunks
          .join('')
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      restore: () => {
        for (const spy of spies) spy.mockRestore();
      },
    };
  }

  it('keeps the route and the caller on the line of an unhandled error (500)', async () => {
    const failing = httpHandler(route, async () => {
      throw new Error('boom');
    });
    const logs = captureLogs();
    let res: Awaited<ReturnType<typeof failing>>;
    try {
      res = await failing(event(), context);
    } finally {
      logs.restore();
    }
    expect(res.statusCode).toBe(500);
    const line = logs.lines().find((l) => l.message === 'Unhandled error');
    expect(line).toMatchObject({ level: 'ERROR', route: 'testEcho', userId: 'usr_1' });
  });

  it('does not carry the previous request keys into the next invocation', async () => {
    const failing = httpHandler(route, async () => {
      throw new Error('boom');
    });
    await failing(event(), context);
    const logs = captureLogs();
    try {
      await failing(event({ authorizer: null }), context);
    } finally {
      logs.restore();
    }
    expect(logs.lines().some((l) => l.userId === 'usr_1')).toBe(false);
  });
});
