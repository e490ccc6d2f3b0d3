import * as z from '../zod';
import type { RouteDef } from './route';

/**
 * The problem responses (RFC 9457, application/problem+json) a route can give, status -> codes.
 * Most follow from the route's properties, so a new route documents them without writing
 * anything; `route.problems` adds what only its service knows (409 username_taken, 402 ...).
 * /openapi.json and the integration suites' contract check both read this one function.
 */
export function problemCodesFor(route: RouteDef): ReadonlyMap<number, readonly string[]> {
  const codes = new Map<number, Set<string>>();
  const add = (status: number, ...list: string[]) => {
    const set = codes.get(status) ?? new Set<string>();
    for (const code of list) set.add(code);
    codes.set(status, set);
  };
  const hasPathParams = route.path.includes('{');
  // The gateway refuses a malformed path or query, the handler factory an invalid input.
  if (route.params || route.query || route.body || hasPathParams) add(400, 'validation_failed');
  // A path that is not correctly URL-encoded (gateway), a malformed Idempotency-Key header.
  if (hasPathParams || route.idempotent) add(400, 'bad_request');
  if (route.body) add(400, 'invalid_json');
  if (route.auth !== 'public') add(401, 'unauthorized');
  // `user` routes refuse API keys; `user-or-key` routes refuse a key without the scope.
  if (route.auth === 'user' || route.scope) add(403, 'insufficient_scope');
  if (hasPathParams) add(404, 'not_found');
  if (route.idempotent) {
    add(409, 'idempotency_in_progress');
    add(422, 'idempotency_key_reused');
  }
  add(413, 'payload_too_large');
  if (route.body) add(415, 'unsupported_media_type');
  // Request-rate limits: per caller on authenticated routes, per client IP on the public auth routes.
  if (route.auth !== 'public' || route.path.startsWith('/v1/auth/')) add(429, 'rate_limited');
  for (const [status, list] of Object.entries(route.problems ?? {})) add(Number(status), ...list);
  return new Map(
    [...codes].sort(([a], [b]) => a - b).map(([status, set]) => [status, [...set].sort()] as const),
  );
}

export const fieldErrorSchema = /* @__PURE__ */ z.object({
  path: /* @__PURE__ */ z.string(),
  message: /* @__PURE__ */ z.string(),
});

/** Members every problem body has (shared/platform/http/errors.ts problemBody). */
const problemShape = {
  type: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.meta({ description: 'URI of the problem type.' })),
  title: /* @__PURE__ */ z.string(),
  detail: /* @__PURE__ */ z.string(),
  instance: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  errors: /* @__PURE__ */ z
    .optional(z.array(fieldErrorSchema))
    .check(/* @__PURE__ */ z.meta({ description: 'Field errors (400 validation_failed).' })),
};

/** Extension members of a 429 (../shared/API.md "Rate limits"). */
const rateLimitShape = {
  retryAfter: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int())),
  limit: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
  upgrade: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.object({ href: /* @__PURE__ */ z.string() })),
  temporaryIncrease: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.object({ eligible: /* @__PURE__ */ z.boolean(), href: /* @__PURE__ */ z.string() }),
  ),
};

/** A problem body with this status and one of these codes (other extension members allowed). */
export function problemSchemaFor(status: number, codes: readonly string[]): z.ZodMiniType {
  const [first, ...rest] = codes;
  return z.looseObject({
    ...problemShape,
    status: z.literal(status),
    code: first === undefined ? z.string() : z.enum([first, ...rest]),
    ...(status === 429 ? rateLimitShape : {}),
  });
}
