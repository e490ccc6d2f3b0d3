import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Forbidden, Unauthenticated } from '../errors';
import { type AuthContext, type RouteDef, SCOPES, type Scope } from './route';

/**
 * The authorizer (Lambda authorizer in AWS, the local gateway locally) passes the caller as
 * flat string values in `requestContext.authorizer`; this is the one place that reads them.
 */
export function authContextFrom(event: APIGatewayProxyEvent): AuthContext | undefined {
  const raw = event.requestContext?.authorizer as Record<string, unknown> | null | undefined;
  const userId = typeof raw?.userId === 'string' ? raw.userId : undefined;
  if (!raw || !userId) return undefined;
  const str = (k: string) => (typeof raw[k] === 'string' && raw[k] !== '' ? (raw[k] as string) : undefined);
  const via = str('via') === 'key' ? 'key' : 'jwt';
  const scopes =
    via === 'key'
      ? (str('scopes') ?? '').split(',').filter((s): s is Scope => (SCOPES as readonly string[]).includes(s))
      : [...SCOPES];
  const exp = str('tokenExp');
  const factor = Number(str('limitFactor') ?? '1');
  return {
    userId,
    via,
    scopes,
    plan: str('plan') ?? 'free',
    ...(Number.isFinite(factor) && factor > 1 ? { limitFactor: factor } : {}),
    ...(str('keyId') ? { keyId: str('keyId') } : {}),
    ...(str('jti') ? { jti: str('jti') } : {}),
    ...(str('originJti') ? { originJti: str('originJti') } : {}),
    ...(exp ? { tokenExp: Number(exp) } : {}),
  };
}

/** Flattens an AuthContext into authorizer context values (strings only, as API Gateway requires). */
export function authContextToRecord(auth: AuthContext): Record<string, string> {
  return {
    userId: auth.userId,
    via: auth.via,
    scopes: auth.scopes.join(','),
    plan: auth.plan,
    limitFactor: String(auth.limitFactor ?? 1),
    keyId: auth.keyId ?? '',
    jti: auth.jti ?? '',
    originJti: auth.originJti ?? '',
    tokenExp: auth.tokenExp === undefined ? '' : String(auth.tokenExp),
  };
}

/** Defence in depth behind the authorizer: credentials present, and an API key only where its scope allows. */
export function enforceRouteAuth(route: RouteDef, auth: AuthContext | undefined): void {
  if (route.auth === 'public') return;
  if (!auth)
    throw new Unauthenticated('unauthorized', 'Unauthorized', { detail: 'Missing or invalid credentials.' });
  if (auth.via !== 'key') return;
  if (route.auth === 'user') {
    throw new Forbidden('insufficient_scope', 'Insufficient scope', {
      detail: 'This operation needs a user session; API keys cannot perform it.',
    });
  }
  if (route.scope && !auth.scopes.includes(route.scope)) {
    throw new Forbidden('insufficient_scope', 'Insufficient scope', {
      detail: `This API key lacks the scope ${route.scope}.`,
      extensions: { requiredScope: route.scope },
    });
  }
}
