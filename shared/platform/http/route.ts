import type * as z from '../zod';

/** API key scopes (../shared/API.md). JWT callers hold every scope. */
export const SCOPES = [
  'sms:send',
  'messages:read',
  'messages:write',
  'numbers:read',
  'numbers:write',
  'verifications:read',
  'verifications:write',
  'account:read',
  'webhooks:read',
  'webhooks:write',
] as const;
export type Scope = (typeof SCOPES)[number];
/**
 * SCOPES.length as a literal the compiler checks against the list: a schema bounded by it stays
 * droppable from bundles that do not use it (esbuild cannot prove a property read free of effects).
 */
export const SCOPE_COUNT: (typeof SCOPES)['length'] = 10;

/**
 * Resources whose kind makes an operation need more than the route's scope; the service that
 * resolves the resource enforces it (the route only names it, for the docs and the security suite).
 */
export const RESOURCE_CONDITIONS = ['sms-conversation'] as const;
export type ResourceCondition = (typeof RESOURCE_CONDITIONS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * - public: no credentials.
 * - user: a Cognito access token only (API keys get 403 insufficient_scope): key and password management, plan.
 * - user-or-key: access token, or an API key holding `scope`.
 */
export type AuthKind = 'public' | 'user' | 'user-or-key';

export interface RouteDef<
  P extends z.ZodMiniType = z.ZodMiniType,
  Q extends z.ZodMiniType = z.ZodMiniType,
  B extends z.ZodMiniType = z.ZodMiniType,
> {
  /** Stable operation id, used for the OpenAPI document and logs. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway style path: /v1/conversations/{id}. */
  readonly path: string;
  /** Handler module below functions/, without extension: `accounts/get-me`. */
  readonly handler: string;
  readonly auth: AuthKind;
  /** Scope an API key needs (user-or-key routes). */
  readonly scope?: Scope;
  /**
   * Extra scopes an API key needs when the addressed resource is of a kind (e.g. a message
   * posted into an SMS conversation is an SMS send: `sms:send`). Enforced by the service that
   * loads the resource; listed here so that the OpenAPI document and the security suite see them.
   */
  readonly resourceScopes?: readonly { readonly when: ResourceCondition; readonly scope: Scope }[];
  readonly summary: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Honour the Idempotency-Key header (POSTs that create or charge). */
  readonly idempotent?: boolean;
  /**
   * Response fields that are secrets shown once (e.g. an API key's `key`). They are never
   * stored: an idempotency record keeps the response without them and with `shownFlag: false`,
   * so a replay says the secret is not shown again (the fresh response sets `shownFlag: true`).
   */
  readonly secretResponse?: { readonly fields: readonly string[]; readonly shownFlag: string };
  /**
   * Success status for the OpenAPI document (when `responses` is absent, the only one).
   * @deprecated in favour of `responses`; kept so routes written before it still build.
   */
  readonly successStatus?: number;
  /**
   * Every success response, status -> body (zod, what the handler sends) or no body (`{}`).
   * /openapi.json, the SDK types and the integration suites' contract check derive from it;
   * test/unit/openapi.test.ts fails for a route that documents no 2xx body.
   */
  readonly responses?: Readonly<Record<number, ResponseDef>>;
  /**
   * Problem responses beyond the defaults derived from the route's properties (see
   * shared/platform/http/problems.ts: auth -> 401, scope/user -> 403 insufficient_scope, params -> 404,
   * input -> 400 validation_failed, idempotent -> 422 idempotency_key_reused, ...):
   * status -> the `code`s it can carry.
   */
  readonly problems?: Readonly<Record<number, readonly string[]>>;
  /** Lambda tuning for CDK. */
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

/** One documented success response. */
export interface ResponseDef {
  /** Body schema (the output side of a zod schema); omitted for an empty body (204, a bare 202). */
  readonly schema?: z.ZodMiniType;
  /** @default application/json */
  readonly contentType?: string;
  /** Further content types the same status can carry (e.g. text/csv), not validated as JSON. */
  readonly alternatives?: readonly string[];
  /** @default 'Success' */
  readonly description?: string;
  /** An example body for the reference documentation. */
  readonly example?: unknown;
  /** Response headers: name -> description. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Keeps literal types of a route while checking it against RouteDef. */
export const defineRoute = <P extends z.ZodMiniType, Q extends z.ZodMiniType, B extends z.ZodMiniType>(
  route: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> => route;

/** Caller identity as established by the authorizer (Lambda authorizer in AWS, the local gateway locally). */
export interface AuthContext {
  readonly userId: string;
  readonly via: 'jwt' | 'key';
  /** API key id when via === 'key'. */
  readonly keyId?: string;
  /** Scopes of the API key; JWT callers hold all scopes. */
  readonly scopes: readonly Scope[];
  readonly plan: string;
  /** Active temporary limit increase (1 when none): request-rate limits are multiplied by it. */
  readonly limitFactor?: number;
  /** Access token ids (JWT callers) so logout can revoke exactly this session. */
  readonly jti?: string;
  readonly originJti?: string;
  readonly tokenExp?: number;
}
