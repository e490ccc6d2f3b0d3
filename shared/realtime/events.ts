/**
 * Server → client WebSocket events (../shared/API.md "WebSocket"). Every event is a JSON
 * object with a `type`; payloads are the same shapes the REST API returns.
 */
export type ServerEvent =
  | { readonly type: 'message.created'; readonly conversationId: string; readonly message: unknown }
  | {
      readonly type: 'message.status';
      readonly conversationId: string;
      readonly messageId: string;
      readonly status: string;
      /** SMS `failed` / `undelivered`: the carrier's reason. */
      readonly errorCode?: string;
    }
  | {
      readonly type: 'typing';
      readonly conversationId: string;
      readonly userId: string;
      readonly username: string;
      readonly isTyping: boolean;
    }
  | { readonly type: 'conversation.updated'; readonly conversation: unknown }
  | { readonly type: 'pong' }
  | { readonly type: 'error'; readonly code: string; readonly detail: string; readonly action?: string }
  | { readonly type: string; readonly [key: string]: unknown };
