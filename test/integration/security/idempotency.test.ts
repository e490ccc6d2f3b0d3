import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { config } from '../../../shared/platform/config';
import { dynamo, tableName } from '../../../shared/platform/db/client';
import { created } from '../../../shared/platform/http/handler';
import { idempotentHandler } from '../../../shared/platform/http/idempotency';
import type { RouteDef } from '../../../shared/platform/http/route';
import { routes } from '../../../shared/routes';
import { api } from '../helpers/api';
import { busyUser } from '../helpers/session';
import { fundedUser, seedPool } from '../verifications/helpers';

/**
 * Idempotency, generated from the route table: every idempotent route's handler chain (the real
 * middleware, with a stub in place of the service) against DynamoDB Local. A record is scoped to
 * caller + method + resolved path; a replay carries the same headers as the fresh response (CORS
 * included); and no record ever holds a secret the route declares.
 */
const idempotent = routes.filter((r) => r.idempotent);
const label = (r: RouteDef) => `${r.method} ${r.path}`;
const SECRET = `smsk_live_${'S'.repeat(43)}`;

const context = {
  functionName: 'idempotency-suite',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/** The route's chain around a stub that counts its calls (schemas left out: any input is valid). */
function stubbed(route: RouteDef) {
  let calls = 0;
  const chainRoute: RouteDef = {
    id: route.id,
    method: route.method,
    path: route.path,
    handler: route.handler,
    auth: route.auth,
    summary: route.summary,
    idempotent: true,
    ...(route.scope ? { scope: route.scope } : {}),
    ...(route.secretResponse ? { secretResponse: route.secretResponse } : {}),
  };
  const handler = idempotentHandler(chainRoute, async ({ params }) => {
    calls += 1;
    const secrets = Object.fromEntries((route.secretResponse?.fields ?? []).map((f) => [f, SECRET]));
    return created(
      {
        call: calls,
        params,
        ...secrets,
        ...(route.secretResponse ? { [route.secretResponse.shownFlag]: true } : {}),
      },
      { location: `/somewhere/${calls}`, 'cache-control': 'no-store' },
    );
  });
  return { handler, calls: () => calls };
}

function event(route: RouteDef, userId: string, key: string, value: string): APIGatewayProxyEvent {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const pathParameters = names.length ? Object.fromEntries(names.map((n) => [n, value])) : null;
  return {
    httpMethod: route.method,
    path: route.path.replace(/\{(\w+)\}/g, value),
    resource: route.path,
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': key,
      Origin: new URL(config('web').PUBLIC_BASE_URL).origin,
    },
    multiValueHeaders: {},
    pathParameters,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    isBase64Encoded: false,
    body: '{}',
    requestContext: {
      requestId: randomUUID(),
      identity: { sourceIp: '127.0.0.1' },
      authorizer: { userId, via: 'jwt', plan: 'free' },
    },
  } as unknown as APIGatewayProxyEvent;
}

const withoutReplayMark = (res: APIGatewayProxyResult) => {
  const { 'idempotent-replayed': _mark, ...rest } = (res.headers ?? {}) as Record<string, string>;
  return rest;
};

describe('idempotency on every idempotent route', () => {
  it('has idempotent routes to check', () => {
    expect(idempotent.length).toBeGreaterThan(0);
  });

  it.each(idempotent.map((r) => [label(r), r] as const))(
    '%s: scoped to the resolved path, replays with the same headers',
    async (_name, route) => {
      const { handler, calls } = stubbed(route);
      const userId = `usr_idem_${randomUUID().slice(0, 8)}`;
      const key = `key-${randomUUID()}`;
      const fresh = await handler(event(route, userId, key, 'res_A'), context);
      expect(fresh.statusCode).toBe(201);
      expect(fresh.headers?.['access-control-allow-origin']).toBeDefined();

      const replay = await handler(event(route, userId, key, 'res_A'), context);
      expect(calls()).toBe(1);
      expect(replay.headers?.['idempotent-replayed']).toBe('true');
      expect(replay.statusCode).toBe(fresh.statusCode);
      expect(withoutReplayMark(replay)).toEqual(withoutReplayMark(fresh));

      if (route.path.includes('{')) {
        // The same key on another resource is another request.
        const other = await handler(event(route, userId, key, 'res_B'), context);
        expect(other.headers?.['idempotent-replayed']).toBeUndefined();
        expect(calls()).toBe(2);
      }
      // Another caller with the same key is another request too.
      await handler(event(route, `${userId}x`, key, 'res_A'), context);
      expect(calls()).toBe(route.path.includes('{') ? 3 : 2);

      if (route.secretResponse) {
        expect(JSON.parse(fresh.body)).toMatchObject({ [route.secretResponse.shownFlag]: true });
        const replayed = JSON.parse(replay.body) as Record<string, unknown>;
        expect(replayed[route.secretResponse.shownFlag]).toBe(false);
        for (const field of route.secretResponse.fields) expect(replayed).not.toHaveProperty(field);
      } else {
        expect(replay.body).toBe(fresh.body);
      }
    },
  );

  it('cancels two verifications sent with the same Idempotency-Key (over HTTP)', async () => {
    const user = await fundedUser(10_000, 'idemvrf');
    await seedPool('LU', 4);
    const auth = { token: user.accessToken };
    const rent = async () => {
      const res = await api.post<{ id: string }>(
        '/v1/verifications',
        { service: 'telegram', country: 'LU' },
        auth,
      );
      if (res.status !== 201) throw new Error(`rent answered ${res.status}: ${res.text}`);
      return res.json.id;
    };
    const a = await rent();
    const b = await rent();
    const cancelA = await api.post<{ status: string }>(`/v1/verifications/${a}/cancel`, undefined, {
      ...auth,
      idempotencyKey: 'cancel-1',
    });
    const cancelB = await api.post<{ id: string; status: string }>(
      `/v1/verifications/${b}/cancel`,
      undefined,
      {
        ...auth,
        idempotencyKey: 'cancel-1',
      },
    );
    expect(cancelA.status).toBe(200);
    expect(cancelB.status).toBe(200);
    expect(cancelB.headers.get('idempotent-replayed')).toBeNull();
    const after = await api.get<{ id: string; status: string }>(`/v1/verifications/${b}`, auth);
    expect(after.json.status).toBe('cancelled');
  });

  it('replays POST /v1/me/api-keys without the key, with keyShown: false (over HTTP)', async () => {
    const user = await busyUser('idemkey');
    const options = { token: user.accessToken, idempotencyKey: `k-${randomUUID()}` };
    const fresh = await api.post<Record<string, unknown>>(
      '/v1/me/api-keys',
      { name: 'ci', scopes: ['sms:send'] },
      options,
    );
    expect(fresh.status).toBe(201);
    expect(fresh.json).toMatchObject({ key: expect.stringMatching(/^smsk_live_/), keyShown: true });
    const replay = await api.post<Record<string, unknown>>(
      '/v1/me/api-keys',
      { name: 'ci', scopes: ['sms:send'] },
      options,
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.json).not.toHaveProperty('key');
    const { key: _key, keyShown: _shown, ...metadata } = fresh.json;
    expect(replay.json).toEqual({ ...metadata, keyShown: false });
  });

  it('stores no secret in any idempotency record', async () => {
    const leaks: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(
        new ScanCommand({
          TableName: tableName(),
          ExclusiveStartKey: startKey,
          FilterExpression: '#e = :e',
          ExpressionAttributeNames: { '#e': '__edb_e__' },
          ExpressionAttributeValues: { ':e': 'idempotencyRecord' },
        }),
      );
      for (const item of page.Items ?? []) {
        const text = JSON.stringify(item);
        // Whole API keys (a visible prefix is fine), webhook secrets, JWTs, this suite's stand-in.
        if (/smsk_live_[\w-]{43}|whsec_[\w-]{20,}|eyJ[\w-]{10,}\.eyJ/.test(text))
          leaks.push(text.slice(0, 600));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(leaks).toEqual([]);
  });
});
