import type { APIGatewayProxyResult } from 'aws-lambda';
import { closeConnection } from '../../shared/realtime/connections';
import { wsEvent } from '../../shared/realtime/ws-event';

/** $disconnect (best effort in API Gateway; TTL and 410 handling cover the rest). */
export const handler = async (event: unknown): Promise<APIGatewayProxyResult> => {
  const parsed = wsEvent.safeParse(event);
  if (parsed.success) await closeConnection(parsed.data.requestContext.connectionId);
  return { statusCode: 200, body: '' };
};
