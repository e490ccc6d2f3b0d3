import type { WindowLimit } from '../auth/abuse-limits';

/**
 * WebSocket abuse limits, shared by the Lambda handlers (AWS) and the local gateway: at most
 * 10 client frames per second per connection (past it the connection is closed: policy
 * violation 1008 locally, DeleteConnection in AWS) and at most 10 sockets per user (a new one
 * closes the oldest).
 */
export const WS_FRAME_LIMIT: WindowLimit = { max: 10, windowSeconds: 1 };
export const MAX_SOCKETS_PER_USER = 10;
/** RFC 6455 close code "policy violation". */
export const WS_POLICY_VIOLATION = 1008;
