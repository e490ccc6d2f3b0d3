import type { APIGatewayProxyResult } from 'aws-lambda';
import { sessionKeyOf } from '../../shared/auth/sessions';
import { logger } from '../../shared/platform/observability/logger';
import { enforceSocketCap, openConnection } from '../../shared/realtime/connections';
import { authorizedUserId, wsEvent } from '../../shared/realtime/ws-event';

/** $connect (behind the WebSocket authorizer): remembers the connection for fan-out. */
export const handler = async (event: unknown): Promise<APIGatewayProxyResult> => {
  const parsed = wsEvent.safeParse(event);
  const userId = parsed.success ? authorizedUserId(parsed.data) : undefined;
  if (!parsed.success || !userId) {
    logger.warn('WebSocket $connect without an authorized user');
    return { statusCode: 401, body: 'Unauthorized' };
  }
  const context = parsed.data.requestContext.authorizer ?? {};
  const text = (key: string) =>
    typeof context[key] === 'string' && context[key] !== '' ? (context[key] as string) : undefined;
  const jti = text('jti');
  const originJti = text('originJti');
  const sessionKey = await sessionKeyOf({ ...(jti ? { jti } : {}), ...(originJti ? { originJti } : {}) });
  await openConnection(parsed.data.requestContext.connectionId, userId, sessionKey);
  // At most 10 sockets per user: a new one closes the oldest.
  await enforceSocketCap(userId);
  return { statusCode: 200, body: '' };
};
