import { Validator } from '@seriousme/openapi-schema-validator';
import * as z from 'zod';
import { problemCodesFor } from '../../../shared/platform/http/problems';
import type { RouteDef } from '../../../shared/platform/http/route';
import { buildOpenApiDocument, successResponsesOf } from '../../../shared/platform/openapi';
import { routes } from '../../../shared/routes';

const sample: RouteDef[] = [
  {
    id: 'listThings',
    method: 'GET',
    path: '/v1/things/{thingId}/parts',
    handler: 'things/list-parts',
    auth: 'user-or-key',
    scope: 'messages:read',
    summary: 'List parts.',
    params: z.object({ thingId: z.string().regex(/^thg_[0-9A-Z]{26}$/) }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), q: z.string().min(1) }),
  },
  {
    id: 'createThing',
    method: 'POST',
    path: '/v1/things',
    handler: 'things/create',
    auth: 'user',
    summary: 'Create a thing.',
    body: z
      .object({
        name: z
          .string()
          .trim()
          .min(1)
          .transform((v) => v.toUpperCase()),
      })
      .strict(),
    idempotent: true,
    successStatus: 201,
  },
  {
    id: 'listPlans',
    method: 'GET',
    path: '/v1/plans',
    handler: 'accounts/list-plans',
    auth: 'public',
    summary: 'Plans.',
  },
];

describe('buildOpenApiDocument', () => {
  it('lists every route of the route table as an OpenAPI 3.1 operation', () => {
    const doc = buildOpenApiDocument(routes);

    expect(doc.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(doc.paths[route.path]?.[route.method.toLowerCase()]).toMatchObject({
        operationId: route.id,
        summary: route.summary,
        'x-handler': route.handler,
      });
    }
  });

  it('serialises to JSON without losing operations', () => {
    const doc = JSON.parse(JSON.stringify(buildOpenApiDocument(routes))) as { paths: Record<string, object> };

    const operations = Object.values(doc.paths).flatMap((byMethod) => Object.keys(byMethod));
    expect(operations).toHaveLength(routes.length);
  });

  it('types path and query parameters from the route schemas', () => {
    const operation = buildOpenApiDocument(sample).paths['/v1/things/{thingId}/parts']?.get;

    expect(operation?.parameters).toEqual([
      {
        name: 'thingId',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^thg_[0-9A-Z]{26}$' },
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
      { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
    ]);
  });

  it('describes the request body a client sends, before transforms', () => {
    const operation = buildOpenApiDocument(sample).paths['/v1/things']?.post;

    expect(operation?.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { name: { type: 'string', minLength: 1 } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(Object.keys(operation?.responses ?? {})).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
      '429',
      '500',
    ]);
    expect(operation?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
  });

  it('declares security per auth kind: none, bearer only, bearer or a scoped API key', () => {
    const doc = buildOpenApiDocument(sample);

    expect(doc.paths['/v1/plans']?.get?.security).toEqual([]);
    expect(doc.paths['/v1/things']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/things/{thingId}/parts']?.get?.security).toEqual([
      { bearerAuth: [] },
      { apiKeyAuth: ['messages:read'] },
    ]);
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKeyAuth: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
  });

  it('describes errors as problem+json, with the rate-limit headers on 429', () => {
    const doc = buildOpenApiDocument(sample);

    expect(Object.keys(doc.paths['/v1/plans']?.get?.responses ?? {})).toEqual(['200', '413', '500']);
    expect(doc.paths['/v1/things']?.post?.responses['429']).toMatchObject({
      headers: { 'Retry-After': expect.any(Object) },
      content: {
        'application/problem+json': {
          schema: {
            allOf: [{ $ref: '#/components/schemas/Problem' }],
            properties: { status: { const: 429 }, code: { enum: ['rate_limited'] } },
          },
        },
      },
    });
    expect(doc.components.responses.TooManyRequests).toMatchObject({
      headers: { 'Retry-After': expect.any(Object), 'RateLimit-Limit': expect.any(Object) },
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    expect(doc.components.schemas.Problem).toMatchObject({
      required: ['type', 'title', 'status', 'detail', 'code'],
    });
  });

  it('refuses two routes with the same method and path', () => {
    const first = sample[2]!;

    expect(() => buildOpenApiDocument([first, { ...first, id: 'again' }])).toThrow(
      /Duplicate route GET \/v1\/plans/,
    );
  });
});

describe('response documentation', () => {
  it('documents success bodies from route.responses, named schemas as components', () => {
    const route: RouteDef = {
      ...sample[2]!,
      responses: {
        200: {
          schema: z.array(
            z.object({ id: z.string(), at: z.string().nullable() }).meta({ id: 'SampleThing' }),
          ),
        },
      },
    };
    const doc = buildOpenApiDocument([route]);

    expect(doc.paths['/v1/plans']?.get?.responses['200']).toEqual({
      description: 'Success',
      content: {
        'application/json': {
          schema: { type: 'array', items: { $ref: '#/components/schemas/SampleThing' } },
        },
      },
    });
    expect(doc.components.schemas.SampleThing).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, at: { type: ['string', 'null'] } },
      required: ['id', 'at'],
    });
  });

  it('derives problem codes from the route: auth, scope, params, body, idempotency, extras', () => {
    const codes = problemCodesFor({
      ...sample[1]!,
      problems: { 409: ['thing_taken'], 402: ['insufficient_funds'] },
    });

    expect(Object.fromEntries(codes)).toEqual({
      400: ['bad_request', 'invalid_json', 'validation_failed'],
      401: ['unauthorized'],
      402: ['insufficient_funds'],
      403: ['insufficient_scope'],
      409: ['idempotency_in_progress', 'thing_taken'],
      413: ['payload_too_large'],
      415: ['unsupported_media_type'],
      422: ['idempotency_key_reused'],
      429: ['rate_limited'],
    });
  });

  it('passes a third-party OpenAPI 3.1 validator (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(buildOpenApiDocument(routes))));

    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

/**
 * Completeness, one test per route of the route table: a route added without response
 * documentation fails here by name. To fix, add `responses: { <status>: { schema } }` (a zod
 * schema next to the request schemas in shared/<ctx>/schemas.ts; `{}` for an empty 204/202) and
 * `problems: { <status>: ['code', ...] }` for the problems its service throws.
 */
const fullDocument = buildOpenApiDocument(routes);
describe.each(routes.map((route) => [`${route.method} ${route.path} (${route.id})`, route] as const))(
  'route %s',
  (_name, route) => {
    const operation = fullDocument.paths[route.path]?.[route.method.toLowerCase()];

    it('documents its 2xx responses in route.responses', () => {
      expect({ route: route.id, documented: route.responses !== undefined }).toEqual({
        route: route.id,
        documented: true,
      });
    });

    it('documents a 2xx response schema unless it answers without a body', () => {
      const undocumented = Object.entries(successResponsesOf(route))
        .filter(([status, response]) => !response.schema && status !== '204' && !response.description)
        .map(([status]) => `${route.id} documents no ${status} response schema`);
      expect(undocumented).toEqual([]);
      const success = Object.keys(operation?.responses ?? {}).filter((s) => s.startsWith('2'));
      expect(success.length).toBeGreaterThan(0);
    });

    it('documents its problem responses as application/problem+json with enumerated codes', () => {
      const problems = Object.entries(operation?.responses ?? {}).filter(
        ([status]) => status.startsWith('4') || status === '503',
      );
      expect(problems.length).toBeGreaterThan(0);
      for (const [, response] of problems) {
        expect(response).toMatchObject({
          content: {
            'application/problem+json': { schema: { properties: { code: { enum: expect.any(Array) } } } },
          },
        });
      }
    });
  },
);
