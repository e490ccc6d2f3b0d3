import * as z from 'zod';
import { PROBLEM_CONTENT_TYPE } from './http/errors';
import type { RouteDef } from './http/route';

/**
 * The OpenAPI 3.1 document of the public API, generated from the route table so that it cannot
 * drift from what the gateway mounts: paths, parameters and bodies come from each route's zod
 * schemas (their input side: what a client sends), security from its `auth`, and every error
 * is the one problem+json shape. Served at GET /openapi.json by the local gateway.
 */
export type JsonSchema = { [key: string]: unknown };

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: {
    readonly required: boolean;
    readonly content: { readonly 'application/json': { readonly schema: JsonSchema } };
  };
  readonly responses: Readonly<Record<string, JsonSchema>>;
  readonly security: ReadonlyArray<Readonly<Record<string, readonly string[]>>>;
  readonly 'x-handler': string;
  readonly 'x-auth': RouteDef['auth'];
  readonly 'x-required-scope'?: string;
  /** Extra scopes that depend on the addressed resource (RouteDef.resourceScopes). */
  readonly 'x-resource-scopes'?: ReadonlyArray<{ readonly when: string; readonly scope: string }>;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly jsonSchemaDialect: string;
  readonly servers: ReadonlyArray<{ readonly url: string; readonly description?: string }>;
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly responses: Readonly<Record<string, JsonSchema>>;
    readonly securitySchemes: Readonly<Record<string, JsonSchema>>;
  };
}

export interface OpenApiOptions {
  /** @default http://localhost:3000 */
  readonly serverUrl?: string;
  /** @default 1.0.0 */
  readonly version?: string;
}

const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** Builds the document for `routes` (normally `routes` from shared/routes.ts). */
export function buildOpenApiDocument(
  routes: readonly RouteDef[],
  options: OpenApiOptions = {},
): OpenApiDocument {
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  for (const route of routes) {
    const byMethod = paths[route.path] ?? {};
    paths[route.path] = byMethod;
    const method = route.method.toLowerCase();
    if (byMethod[method]) throw new Error(`Duplicate route ${route.method} ${route.path}`);
    byMethod[method] = operationFor(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SMSPROJ API',
      version: options.version ?? '1.0.0',
      description:
        'Multi-user SMS platform. Errors are RFC 9457 application/problem+json with a stable `code`.',
    },
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    servers: [{ url: options.serverUrl ?? 'http://localhost:3000', description: 'Local runtime' }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      responses: problemResponses,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Access token from POST /v1/auth/login.',
        },
        apiKeyAuth: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'API key from POST /v1/me/api-keys; it must hold the scope the operation lists.',
        },
      },
    },
  };
}

function operationFor(route: RouteDef): OpenApiOperation {
  const parameters = [
    ...pathParameters(route),
    ...objectParameters(route.query, 'query'),
    ...(route.idempotent ? [idempotencyKeyParameter] : []),
  ];
  const successStatus = String(route.successStatus ?? 200);
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [tagOf(route.path)],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.safeParse(undefined).success,
            content: { 'application/json': { schema: inputSchema(route.body) } },
          },
        }
      : {}),
    responses: {
      [successStatus]: successStatus === '204' ? { description: 'No content' } : { description: 'Success' },
      ...errorResponsesFor(route, parameters.length > 0 || route.body !== undefined),
    },
    security: securityFor(route),
    'x-handler': route.handler,
    'x-auth': route.auth,
    ...(route.scope ? { 'x-required-scope': route.scope } : {}),
    ...(route.resourceScopes ? { 'x-resource-scopes': route.resourceScopes } : {}),
  };
}

/** Path parameters from the template, typed by the route's `params` schema where it has one. */
function pathParameters(route: RouteDef): OpenApiParameter[] {
  const declared = new Map(objectParameters(route.params, 'path').map((p) => [p.name, p]));
  return [...route.path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => ({
    ...(declared.get(name!) ?? { schema: { type: 'string' } }),
    name: name!,
    in: 'path' as const,
    required: true,
  }));
}

/** One parameter per property of an object schema (path or query). */
function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query'): OpenApiParameter[] {
  if (!schema) return [];
  const json = inputSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
  return Object.entries(properties).map(([name, propertySchema]) => {
    const { description, ...rest } = propertySchema;
    return {
      name,
      in: location,
      required: location === 'path' || (required.has(name) && !('default' in rest)),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

/** JSON Schema of what a client sends (before transforms and defaults), without the dialect marker. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function securityFor(route: RouteDef): Array<Record<string, string[]>> {
  if (route.auth === 'public') return [];
  if (route.auth === 'user') return [{ bearerAuth: [] }];
  // OpenAPI 3.1 lets non-OAuth schemes list required roles: the API key's scope.
  return [{ bearerAuth: [] }, { apiKeyAuth: route.scope ? [route.scope] : [] }];
}

function errorResponsesFor(route: RouteDef, hasInput: boolean): Record<string, JsonSchema> {
  const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
  const hasPathParams = route.path.includes('{');
  return {
    ...(hasInput ? { '400': ref('BadRequest') } : {}),
    ...(route.auth !== 'public' ? { '401': ref('Unauthorized'), '403': ref('Forbidden') } : {}),
    ...(hasPathParams ? { '404': ref('NotFound') } : {}),
    ...(route.idempotent ? { '422': ref('IdempotencyKeyReused') } : {}),
    ...(route.auth !== 'public' ? { '429': ref('TooManyRequests') } : {}),
    '500': ref('InternalError'),
  };
}

/** /v1/conversations/{id}/messages -> conversations */
function tagOf(path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== 'v1' && !s.startsWith('{'));
  return segments[0] ?? 'default';
}

const idempotencyKeyParameter: OpenApiParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Same key and body within 24 h returns the first response without doing the work again.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable error code.' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const problem = (description: string, headers?: JsonSchema): JsonSchema => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

const integerHeader = (description: string): JsonSchema => ({ description, schema: { type: 'integer' } });

const problemResponses: Record<string, JsonSchema> = {
  BadRequest: problem('Invalid input (`validation_failed`, `invalid_json`, ...).'),
  Unauthorized: problem('Missing, invalid, expired or revoked credentials (`unauthorized`).'),
  Forbidden: problem('The credentials do not allow this operation (`insufficient_scope`, ...).'),
  NotFound: problem("No such resource, or not the caller's (`not_found`)."),
  IdempotencyKeyReused: problem(
    'The Idempotency-Key was used with a different body (`idempotency_key_reused`).',
  ),
  TooManyRequests: problem('Rate or plan limit exceeded (`rate_limited`).', {
    'Retry-After': integerHeader('Seconds to wait before retrying.'),
    'RateLimit-Limit': integerHeader('Requests allowed in a burst.'),
    'RateLimit-Remaining': integerHeader('Requests left right now.'),
    'RateLimit-Reset': integerHeader('Seconds until the allowance is full again.'),
  }),
  InternalError: problem('Unexpected error; no internals are disclosed (`internal_error`).'),
};
