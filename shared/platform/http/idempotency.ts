import { createHash } from 'node:crypto';
import { isConditionalFailure } from '../db/errors';
import { db } from './db';
import { ttlIn } from '../db/schema';
import { Conflict, InvalidInput, Unprocessable } from '../errors';
import { routeChain } from './handler';
import type { RouteDef } from './route';
import type { HttpInternal, HttpMiddleware, RouteFunction } from './types';

/** Replays are served for 24 h (../shared/API.md). */
const RETENTION_SECONDS = 24 * 60 * 60;
/** A crashed attempt stops blocking retries after this long. */
const LOCK_SECONDS = 30;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The route's path with this request's path parameters filled in: `/v1/verifications/vrf_A/cancel`. */
export function resolvedPath(
  route: RouteDef,
  pathParameters: Record<string, string | undefined> | null,
): string {
  return route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(pathParameters?.[name] ?? ''),
  );
}

/**
 * The body an idempotency record may keep: without the route's secret fields and with its
 * shown flag false (RouteDef.secretResponse). A body that cannot be redacted is not kept.
 */
export function storableBody(route: RouteDef, body: string | undefined): string | undefined {
  const secret = route.secretResponse;
  if (!secret || !body) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const redacted: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const field of secret.fields) delete redacted[field];
  redacted[secret.shownFlag] = false;
  return JSON.stringify(redacted);
}

/** Canonical JSON (sorted keys) so that the same body with another key order is "the same body". */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Idempotency-Key support (the equivalent of Powertools idempotency, on the single table):
 * the first request with a key takes a lock record; a later request with the same key and the
 * same body replays the stored response (same status, headers and body); another body is a 422.
 * If the handler throws, the lock is released, so a retry does the work (nothing was done).
 * Keys are scoped to caller + method + resolved path: the same key on two resources is two
 * requests, and two users cannot collide. The replay is handed to the handler factory as
 * `context.replay` (not as an early response), so the `after` middlewares — CORS — run on it
 * as on a fresh response. Secret response fields are never stored (`storableBody`).
 */
export function idempotency(route: RouteDef): HttpMiddleware {
  const scopeOf = (request: { internal: HttpInternal }) => request.internal.idempotency;
  return {
    before: async (request) => {
      request.context.replay = undefined;
      const key = request.event.headers?.['idempotency-key'];
      if (key === undefined) return undefined;
      if (!KEY_PATTERN.test(key))
        throw new InvalidInput('bad_request', 'Bad request', {
          detail: 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
        });
      const input = request.context.input;
      const caller = input?.auth?.userId ?? 'anonymous';
      const path = resolvedPath(route, request.event.pathParameters);
      const id = sha256(`${caller}\u0000${route.method}\u0000${path}\u0000${key}`);
      const bodyHash = sha256(canonical(input?.body ?? null));
      const now = Date.now();
      const records = db().entities.idempotencyRecord;
      try {
        await records
          .create({
            id,
            bodyHash,
            status: 'in_progress',
            lockExpiresAt: now + LOCK_SECONDS * 1000,
            ttl: ttlIn(RETENTION_SECONDS),
          })
          .go();
        request.internal.idempotency = { id };
        return undefined;
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
      }
      const { data: existing } = await records.get({ id }).go({ consistent: true });
      if (!existing)
        throw new Conflict('idempotency_in_progress', 'Request in progress', {
          detail: 'Retry the request.',
          retryAfterSeconds: 1,
        });
      if (existing.bodyHash !== bodyHash) {
        throw new Unprocessable('idempotency_key_reused', 'Idempotency key reused', {
          detail: 'This Idempotency-Key was used with a different request body.',
        });
      }
      if (existing.status === 'completed' && existing.statusCode !== undefined) {
        request.context.replay = {
          statusCode: existing.statusCode,
          headers: {
            ...(JSON.parse(existing.responseHeaders ?? '{}') as Record<string, string>),
            'idempotent-replayed': 'true',
          },
          body: existing.responseBody ?? '',
        };
        return undefined;
      }
      if (existing.lockExpiresAt > now) {
        throw new Conflict('idempotency_in_progress', 'Request in progress', {
          detail: 'A request with this Idempotency-Key is still in progress.',
          retryAfterSeconds: 1,
        });
      }
      // The earlier attempt died holding the lock: take it over, conditionally, so only one retry wins.
      try {
        await records
          .patch({ id })
          .set({ lockExpiresAt: now + LOCK_SECONDS * 1000 })
          .where((attr, op) => op.lte(attr.lockExpiresAt, now))
          .go();
      } catch (error) {
        if (isConditionalFailure(error))
          throw new Conflict('idempotency_in_progress', 'Request in progress', {
            detail: 'Retry the request.',
            retryAfterSeconds: 1,
          });
        throw error;
      }
      request.internal.idempotency = { id };
      return undefined;
    },
    after: async (request) => {
      const scope = scopeOf(request);
      const response = request.response;
      if (!scope || !response) return;
      await db()
        .entities.idempotencyRecord.patch({ id: scope.id })
        .set({
          status: 'completed',
          statusCode: response.statusCode,
          responseHeaders: JSON.stringify(response.headers ?? {}),
          responseBody: storableBody(route, response.body),
        })
        .go();
    },
    onError: async (request) => {
      const scope = scopeOf(request);
      if (!scope) return;
      await db().entities.idempotencyRecord.delete({ id: scope.id }).go();
    },
  };
}

/**
 * The handler factory for a route marked `idempotent`: the HTTP chain (./handler.ts) with the
 * idempotency middleware after validation. Only these routes' bundles load it and the database.
 */
export function idempotentHandler<R extends RouteDef>(route: R, fn: RouteFunction<R>) {
  if (!route.idempotent) {
    throw new Error(`Route ${route.id} is not idempotent: build its handler with httpHandler.`);
  }
  return routeChain(route, fn, [idempotency(route)]);
}
