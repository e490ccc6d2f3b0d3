import { visiblePrefix } from '../accounts/api-key-secret';
import { logger } from '../platform/observability/logger';
import type { AuthFailureReason, Credentials } from './authorizer';

/**
 * Authentication failures are logged with reason, route, source IP and, for API keys, the
 * visible key prefix — never the secret or the token — and counted (one metric per reason).
 */
export function logAuthFailure(
  reason: AuthFailureReason,
  details: { route: string; sourceIp: string; credentials: Credentials },
): void {
  const apiKey = details.credentials.apiKey;
  logger.warn('authentication failed', {
    reason,
    route: details.route,
    sourceIp: details.sourceIp,
    ...(apiKey ? { keyPrefix: visiblePrefix(apiKey) } : {}),
    metric: { name: 'AuthFailures', reason },
  });
}
