import * as z from './zod';
import { PROBLEM_CONTENT_TYPE } from './http/errors';
import { problemCodesFor } from './http/problems';
import type { ResponseDef, RouteDef } from './http/route';

/**
 * The OpenAPI 3.1 document of the public API, generated from the route table so that it cannot
 * drift from what the gateway mounts: paths, parameters and bodies come from each route's zod
 * schemas (their input side: what a client sends), success responses from `route.responses`
 * (the output side: what a handler sends; schemas with a `.meta({ id })` become named
 * components), problem responses from shared/platform/http/problems.ts (status -> the `code`s it can
 * carry), security from its `auth`. Served at GET /openapi.json by the local gateway and as
 * /openapi.json of the web distribution (tools/build-docs.ts); the SDK types are generated from it.
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
  const named: Record<string, JsonSchema> = {};
  for (const route of routes) {
    const byMethod = paths[route.path] ?? {};
    paths[route.path] = byMethod;
    const method = route.method.toLowerCase();
    if (byMethod[method]) throw new Error(`Duplicate route ${route.method} ${route.path}`);
    byMethod[method] = operationFor(route, named);
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
      schemas: { Problem: problemSchema, ...sortedByKey(named) },
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

function operationFor(route: RouteDef, named: Record<string, JsonSchema>): OpenApiOperation {
  const parameters = [
    ...pathParameters(route),
    ...objectParameters(route.query, 'query'),
    ...(route.idempotent ? [idempotencyKeyParameter] : []),
  ];
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
      ...successResponsesFor(route, named),
      ...problemResponsesFor(route),
      '500': { $ref: '#/components/responses/InternalError' },
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
function objectParameters(schema: z.ZodMiniType | undefined, location: 'path' | 'query'): OpenApiParameter[] {
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
function inputSchema(schema: z.ZodMiniType): JsonSchema {
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

/** The documented success responses: `route.responses`, else a bare `successStatus` (undocumented body). */
export function successResponsesOf(route: RouteDef): Readonly<Record<number, ResponseDef>> {
  return route.responses ?? { [route.successStatus ?? 200]: {} };
}

function successResponsesFor(route: RouteDef, named: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(successResponsesOf(route))) {
    const contentType = response.contentType ?? 'application/json';
    const content: Record<string, JsonSchema> = {};
    if (response.schema) {
      content[contentType] = {
        schema: outputSchema(response.schema, named),
        ...(response.example !== undefined ? { example: response.example } : {}),
      };
      for (const alternative of response.alternatives ?? [])
        content[alternative] = { schema: { type: 'string' } };
    }
    out[status] = {
      description: response.description ?? (status === '204' ? 'No content' : 'Success'),
      ...(response.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([name, description]) => [
                name,
                { description, schema: { type: 'string' } },
              ]),
            ),
          }
        : {}),
      ...(Object.keys(content).length > 0 ? { content } : {}),
    };
  }
  return out;
}

const PROBLEM_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid input.',
  401: 'Missing, invalid, expired or revoked credentials, or wrong login.',
  402: 'The balance does not cover the charge.',
  403: 'The credentials do not allow this operation.',
  404: "No such resource, or not the caller's.",
  409: 'Conflict with the current state.',
  413: 'The request or the declared file is too large.',
  415: 'Unsupported content type.',
  422: 'The Idempotency-Key was used with a different body.',
  429: 'Rate or plan limit exceeded; retry after Retry-After seconds.',
  503: 'Temporarily unavailable; retry after Retry-After seconds.',
};

/** One problem+json response per status the route can give, its `code` enumerated. */
function problemResponsesFor(route: RouteDef): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, codes] of problemCodesFor(route)) {
    const headers = status === 429 ? rateLimitHeaders : status === 503 ? retryAfterHeader : undefined;
    out[String(status)] = {
      description: `${PROBLEM_DESCRIPTIONS[status] ?? 'Problem.'} Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
      ...(headers ? { headers } : {}),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: {
            allOf: [{ $ref: '#/components/schemas/Problem' }],
            type: 'object',
            properties: { status: { type: 'integer', const: status }, code: { type: 'string', enum: codes } },
          },
          example: {
            type: `https://smsproj.dev/problems/${codes[0]!.replaceAll('_', '-')}`,
            title: codes[0],
            status,
            detail: PROBLEM_DESCRIPTIONS[status] ?? 'Problem.',
            code: codes[0],
          },
        },
      },
    };
  }
  return out;
}

/**
 * JSON Schema of what a handler sends. Schemas with a `.meta({ id })` are moved to
 * components.schemas (one definition per id; two different ones are a bug); objects stay open
 * (no `additionalProperties: false`): clients must tolerate new fields.
 */
function outputSchema(schema: z.ZodMiniType, named: Record<string, JsonSchema>): JsonSchema {
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, {
    io: 'output',
    unrepresentable: 'any',
  }) as JsonSchema;
  for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    const cleaned = rewrite(definition) as JsonSchema;
    const existing = named[id];
    if (existing && JSON.stringify(existing) !== JSON.stringify(cleaned)) {
      throw new Error(`Two different response schemas are named ${id}`);
    }
    named[id] = cleaned;
  }
  return rewrite(rest) as JsonSchema;
}

function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'additionalProperties' && inner === false) continue;
    if (key === '$ref' && typeof inner === 'string') {
      out[key] = inner.replace('#/$defs/', '#/components/schemas/');
      continue;
    }
    // `examples` inside a schema stay (JSON Schema keyword); property maps and the rest recurse.
    out[key] = key === 'examples' || key === 'example' ? inner : rewrite(inner);
  }
  return out;
}

const sortedByKey = (record: Record<string, JsonSchema>): Record<string, JsonSchema> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

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

const retryAfterHeader: JsonSchema = { 'Retry-After': integerHeader('Seconds to wait before retrying.') };
const rateLimitHeaders: JsonSchema = {
  ...retryAfterHeader,
  'RateLimit-Limit': integerHeader('Requests allowed in a burst.'),
  'RateLimit-Remaining': integerHeader('Requests left right now.'),
  'RateLimit-Reset': integerHeader('Seconds until the allowance is full again.'),
};

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
