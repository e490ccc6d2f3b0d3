/**
 * WebSocket routes (route selection expression `$request.body.action`). CDK builds the
 * WebSocket API from this list; the local gateway dispatches frames with it.
 * `$connect` runs behind the WebSocket authorizer (token in the `token` query parameter).
 */
export interface WsRouteDef {
  readonly routeKey: '$connect' | '$disconnect' | '$default' | string;
  /** Handler module below functions/, without extension. */
  readonly handler: string;
}

export const wsRoutes: readonly WsRouteDef[] = [
  { routeKey: '$connect', handler: 'realtime/connect' },
  { routeKey: '$disconnect', handler: 'realtime/disconnect' },
  { routeKey: '$default', handler: 'realtime/default' },
];

/** Handler module of the WebSocket $connect authorizer. */
export const WS_AUTHORIZER_HANDLER = 'auth/ws-authorizer';
/** Handler module of the REST REQUEST authorizer. */
export const REST_AUTHORIZER_HANDLER = 'auth/authorizer';
