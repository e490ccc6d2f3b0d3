import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config';

let client: ApiGatewayManagementApiClient | undefined;

/** The management API of the WebSocket stage; the local gateway serves the same `@connections` API. */
function managementClient(): ApiGatewayManagementApiClient {
  client ??= new ApiGatewayManagementApiClient({
    region: config('core').AWS_REGION,
    endpoint: config('realtime').WS_MANAGEMENT_ENDPOINT,
  });
  return client;
}

/**
 * Pushes one event to one WebSocket connection through the API Gateway management API (the
 * local gateway serves the same `@connections` API). 'gone' means the connection is stale
 * (410) and its record should be deleted by the caller.
 */
export async function postToConnection(connectionId: string, event: unknown): Promise<'sent' | 'gone'> {
  try {
    await managementClient().send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    return 'sent';
  } catch (error) {
    if (isGone(error)) return 'gone';
    throw error;
  }
}

const isGone = (error: unknown) =>
  error instanceof GoneException ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 410;

/** Closes one WebSocket connection (DeleteConnection); a connection already gone is fine. */
export async function deleteConnection(connectionId: string): Promise<'closed' | 'gone'> {
  try {
    await managementClient().send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    return 'closed';
  } catch (error) {
    if (isGone(error)) return 'gone';
    throw error;
  }
}
