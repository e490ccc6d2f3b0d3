import fc from 'fast-check';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../../shared/platform/db/client';
import { RESOURCE_CONDITIONS, type RouteDef, SCOPES, type Scope } from '../../../shared/platform/http/route';
import { routes } from '../../../shared/routes';
import { type ApiResponse, request } from '../helpers/api';
import { onPlan, signedInUser, type TestUser } from '../helpers/session';
import {
  conditionParams,
  fillPath,
  NOT_USER_RESOURCES,
  type OwnedResources,
  ownedResources,
  PLACEHOLDER,
  paramsFor,
} from './fixtures';
import {
  HOSTILE_FIELD_VALUES,
  HOSTILE_PATH_VALUES,
  HOSTILE_QUERIES,
  HOSTILE_RAW_BODIES,
} from './hostile-inputs';

/**
 * The security suite, generated from the route table so that a new route is covered the day
 * it is added: authentication on every protected route, object-level authorisation (BOLA) on
 * every route with a resource id, and hostile inputs on every route — always a 4xx
 * problem+json, never a 5xx, and nothing written.
 */
const protectedRoutes = routes.filter((r) => r.auth !== 'public');
const writeRoutes = routes.filter((r) => r.body !== undefined);
const parameterised = routes.filter((r) => r.path.includes('{'));
const withQuery = routes.filter((r) => r.query !== undefined);
const label = (r: RouteDef) => `${r.method} ${r.path}`;

function expectClientError(res: ApiResponse, what: string): void {
  if (res.status < 400 || res.status >= 500) {
    throw new Error(`${what}: expected a 4xx problem, got ${res.status} ${res.text.slice(0, 300)}`);
  }
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ status: res.status, code: expect.any(String), title: expect.any(String) });
}

/**
 * Items only background work writes (access-log metering flushes on a timer, the outbox consumer
 * claims message effects): they follow requests made before the route under test, never the
 * hostile requests themselves, so they are not part of the witness.
 */
const BACKGROUND_ENTITIES = new Set(['usageCounter', 'messageEffects']);

/** Every item in the table that mentions the user: the "nothing was written" witness. */
async function footprint(userId: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({ TableName: tableName(), ExclusiveStartKey: startKey }),
    );
    count += (page.Items ?? []).filter(
      (item) => !BACKGROUND_ENTITIES.has(String(item.__edb_e__)) && JSON.stringify(item).includes(userId),
    ).length;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/**
 * The footprint once background work (the outbox consumer, access-log metering) has caught up
 * with earlier requests: two reads 300 ms apart agree. Taken before and after a route's hostile
 * requests, so only writes caused by those requests can change it.
 */
async function settledFootprint(userId: string): Promise<number> {
  let last = await footprint(userId);
  for (let i = 0; i < 30; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const next = await footprint(userId);
    if (next === last) return next;
    last = next;
  }
  return last;
}

const bodyKeys = (route: RouteDef): string[] => {
  const shape = (
    route.body as unknown as {
      shape?: Record<string, unknown>;
      _zod?: { def?: { shape?: Record<string, unknown> } };
    }
  )?.shape;
  return shape ? Object.keys(shape) : ['x'];
};

let owner: OwnedResources;
let intruder: TestUser;

beforeAll(async () => {
  [owner, intruder] = await Promise.all([ownedResources(), signedInUser('intruder')]);
  // A generous request rate, so that the hostile batteries test validation, not the rate limiter.
  await Promise.all([onPlan(owner.owner, 'business'), onPlan(intruder, 'business')]);
}, 60_000);

describe('authentication: every protected route without credentials is 401', () => {
  it.each(protectedRoutes.map((r) => [label(r), r] as const))('%s', async (_name, route) => {
    const res = await request(route.method, fillPath(route.path, PLACEHOLDER), route.body ? {} : undefined);
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ code: 'unauthorized' });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each(protectedRoutes.map((r) => [label(r), r] as const))(
    '%s with a forged bearer token',
    async (_name, route) => {
      const res = await request(
        route.method,
        fillPath(route.path, PLACEHOLDER),
        route.body ? {} : undefined,
        {
          token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
        },
      );
      expect(res.status).toBe(401);
    },
  );
});

describe("BOLA: another user's resource id is a 404 on every parameterised route", () => {
  it('knows a resource for every parameterised route', () => {
    const uncovered = parameterised.filter(
      (r) => !NOT_USER_RESOURCES.has(r.path) && !paramsFor(r.path, owner),
    );
    expect(uncovered.map(label)).toEqual([]);
  });

  it.each(parameterised.filter((r) => !NOT_USER_RESOURCES.has(r.path)).map((r) => [label(r), r] as const))(
    '%s',
    async (_name, route) => {
      const params = paramsFor(route.path, owner);
      if (!params) throw new Error(`no fixture for ${route.path}`);
      const before = await settledFootprint(owner.owner.userId);
      const res = await request(route.method, fillPath(route.path, params), route.body ? {} : undefined, {
        token: intruder.accessToken,
      });
      // A body that fails validation is a 400 before any lookup; with a valid body it must be a 404.
      expect([400, 404]).toContain(res.status);
      if (res.status === 400) {
        const valid = await request(route.method, fillPath(route.path, params), validBodyFor(route, owner), {
          token: intruder.accessToken,
        });
        expect(valid.status).toBe(404);
      }
      expect(await settledFootprint(owner.owner.userId)).toBe(before);
    },
  );
});

describe('scopes: an API key never does more than its scopes allow', () => {
  const keys = new Map<string, Promise<string>>();
  /** One key per scope set, created on first use (the owner stays well below the key limit). */
  const keyWith = (scopes: readonly Scope[]): Promise<string> => {
    const id = [...scopes].sort().join(',');
    let key = keys.get(id);
    if (!key) {
      key = request<{ key: string }>(
        'POST',
        '/v1/me/api-keys',
        { name: `scopes ${keys.size}`, scopes },
        { token: owner.owner.accessToken },
      ).then((res) => {
        if (res.status !== 201) throw new Error(`create key answered ${res.status}: ${res.text}`);
        return res.json.key;
      });
      keys.set(id, key);
    }
    return key;
  };
  const allBut = (scope: Scope) => SCOPES.filter((s) => s !== scope);
  const keyRoutes = routes.filter((r) => r.auth !== 'public');

  it.each(keyRoutes.map((r) => [label(r), r] as const))(
    '%s refuses a key without its scope',
    async (_name, route) => {
      // A user-only route refuses even a key holding every scope.
      const scopes = route.auth === 'user' ? [...SCOPES] : route.scope ? allBut(route.scope) : undefined;
      if (!scopes) throw new Error(`${label(route)} accepts API keys but declares no scope`);
      const params = paramsFor(route.path, owner) ?? PLACEHOLDER;
      const res = await request(route.method, fillPath(route.path, params), validBodyFor(route, owner), {
        apiKey: await keyWith(scopes),
      });
      expect(res.status).toBe(403);
      expect(res.json).toMatchObject({ code: 'insufficient_scope' });
    },
  );

  const conditional = routes.flatMap((r) =>
    (r.resourceScopes ?? []).map((c) => [`${label(r)} on a ${c.when} needs ${c.scope}`, r, c] as const),
  );
  it('covers every resource condition', () => {
    const used = new Set(conditional.map(([, , c]) => c.when));
    expect(RESOURCE_CONDITIONS.filter((c) => !used.has(c))).toEqual([]);
  });

  it.each(conditional)('%s', async (_name, route, condition) => {
    if (!route.scope) throw new Error(`${label(route)} has resource scopes but no route scope`);
    // The route's own scope and everything else, but not the one the resource kind needs.
    const key = await keyWith(allBut(condition.scope));
    const params = conditionParams(condition.when, owner);
    const path = fillPath(route.path, params);
    const res = await request(route.method, path, validBodyFor(route, owner), { apiKey: key });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: 'insufficient_scope' });
    // Nothing was sent: the resource holds no message. (The table footprint is not a witness
    // here: API key requests are metered asynchronously.)
    const messages = await request<{ items: unknown[] }>(
      'GET',
      `/v1/conversations/${encodeURIComponent(params.id ?? '')}/messages`,
      undefined,
      { token: owner.owner.accessToken },
    );
    expect(messages.json.items).toEqual([]);
  });
});

/** A minimal body that passes validation for the routes that take one on a resource path. */
function validBodyFor(route: RouteDef, r: OwnedResources): unknown {
  if (!route.body) return undefined;
  if (route.path.endsWith('/messages')) return { body: 'hello' };
  if (route.path.endsWith('/read')) return { messageId: 'msg_01JAAAAAAAAAAAAAAAAAAAAAAA' };
  if (route.path.endsWith('/attachments')) return { fileName: 'a.png', contentType: 'image/png', size: 10 };
  if (route.method === 'PATCH' && route.path.startsWith('/v1/numbers/')) return { autoRenew: false };
  if (route.path.endsWith('/report')) return { reason: 'other' };
  void r;
  return {};
}

describe('hostile bodies: 4xx problem+json, never 5xx, nothing written', () => {
  it.each(writeRoutes.map((r) => [label(r), r] as const))('%s', async (_name, route) => {
    const params = paramsFor(route.path, owner) ?? PLACEHOLDER;
    const path = fillPath(route.path, params);
    const token = route.auth === 'public' ? undefined : owner.owner.accessToken;
    const before = await settledFootprint(owner.owner.userId);
    for (const [what, raw] of HOSTILE_RAW_BODIES) {
      if (what === 'an empty object') continue; // may be valid for routes whose fields are all optional
      const res = await request(route.method, path, raw, {
        token,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).not.toBe(429);
      expectClientError(res, `${label(route)} with ${what}`);
    }
    for (const key of bodyKeys(route)) {
      for (const [what, value] of HOSTILE_FIELD_VALUES) {
        const res = await request(route.method, path, { [key]: value }, { token });
        expectClientError(res, `${label(route)} with ${key} = ${what}`);
      }
    }
    expect(await settledFootprint(owner.owner.userId)).toBe(before);
  });

  it('survives arbitrary JSON on every write route (property-based)', async () => {
    const write = writeRoutes.filter((r) => r.auth !== 'public');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...write), fc.jsonValue({ maxDepth: 4 }), async (route, value) => {
        const params = paramsFor(route.path, owner) ?? PLACEHOLDER;
        const res = await request(route.method, fillPath(route.path, params), JSON.stringify(value), {
          token: owner.owner.accessToken,
          headers: { 'content-type': 'application/json' },
        });
        return res.status < 500;
      }),
      { numRuns: 150 },
    );
  });
});

describe('hostile path values and queries: 4xx, never 5xx', () => {
  it.each(parameterised.map((r) => [label(r), r] as const))('%s', async (_name, route) => {
    for (const [what, value] of HOSTILE_PATH_VALUES) {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      const path = fillPath(route.path, Object.fromEntries(names.map((n) => [n, value])));
      const res = await request(route.method, path, route.body ? {} : undefined, {
        token: owner.owner.accessToken,
      });
      expectClientError(res, `${label(route)} with ${what}`);
    }
  });

  it.each(withQuery.map((r) => [label(r), r] as const))('%s', async (_name, route) => {
    const params = paramsFor(route.path, owner) ?? PLACEHOLDER;
    const token = route.auth === 'public' ? undefined : owner.owner.accessToken;
    for (const [what, query] of HOSTILE_QUERIES) {
      const res = await request(route.method, `${fillPath(route.path, params)}?${query}`, undefined, {
        token,
      });
      // A route may ignore a parameter it does not declare (200); it must never fail on it.
      if (res.status >= 400) expectClientError(res, `${label(route)} with ${what}`);
      else expect(res.status).toBeLessThan(300);
    }
  });
});
