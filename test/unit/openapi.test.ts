import * as z from 'zod';
import type { RouteDef } from '../../shared/http/route';
import { buildOpenApiDocument } from '../../shared/openapi';
import { routes } from '../../shared/routes';

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

    expect(doc.paths['/v1/plans']?.get?.responses).toEqual({
      '200': { description: 'Success' },
      '500': { $ref: '#/components/responses/InternalError' },
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
