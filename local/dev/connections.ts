import { defineDevEndpoint } from './registry';

/**
 * GET /dev/ws/connections : open WebSocket connections. API Gateway never tells a client its
 * connection id; tests and people debugging pushes can find it here.
 */
export const connectionsEndpoint = defineDevEndpoint({
  method: 'GET',
  path: '/dev/ws/connections',
  summary: 'Open WebSocket connections (id, user, times).',
  async handle(_request, context) {
    const items = context.connections().map((info) => ({
      connectionId: info.connectionId,
      userId: info.userId ?? null,
      sourceIp: info.sourceIp,
      connectedAt: new Date(info.connectedAt).toISOString(),
      lastActiveAt: new Date(info.lastActiveAt).toISOString(),
    }));
    return { status: 200, body: { items } };
  },
});
