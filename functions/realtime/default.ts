import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '../../shared/platform/observability/logger';
import { admitFrame, connectionOwner } from '../../shared/realtime/connections';
import { handleFrame } from '../../shared/realtime/frames';
import { authorizedUserId, frameText, wsEvent } from '../../shared/realtime/ws-event';

/** $default: every client frame (`typing`, `ping`); replies go back through @connections. */
export const handler = async (event: unknown): Promise<APIGatewayProxyResult> => {
  const parsed = wsEvent.safeParse(event);
  if (!parsed.success) return { statusCode: 400, body: 'Bad event' };
  const { connectionId } = parsed.data.requestContext;
  const userId = authorizedUserId(parsed.data) ?? (await connectionOwner(connectionId));
  if (!userId) {
    logger.warn('WebSocket frame from an unknown connection', { connectionId });
    return { statusCode: 401, body: 'Unauthorized' };
  }
  // At most 10 frames per second per connection: past it the connection is closed.
  if (!(await admitFrame(connectionId))) return { statusCode: 200, body: '' };
  await handleFrame(connectionId, userId, frameText(parsed.data));
  return { statusCode: 200, body: '' };
};
