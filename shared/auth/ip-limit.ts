import type { RouteDef } from '../platform/http/route';

/**
 * Public auth routes (`/v1/auth/*` but logout, which needs a session) are rate-limited per
 * client IP before anything else runs (../shared/API.md "v1.1 Security and abuse limits"): by
 * the local gateway locally, by a WAF rate-based rule in AWS. Both read this table.
 */
export const AUTH_IP_RATE_LIMIT = { ratePerSecond: 20, burst: 40 } as const;

export const isIpRateLimited = (route: Pick<RouteDef, 'auth' | 'path'>): boolean =>
  route.auth === 'public' && route.path.startsWith('/v1/auth/');
