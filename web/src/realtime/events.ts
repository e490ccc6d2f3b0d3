import type { Conversation, Message, MessageStatus } from '../api/conversations';
import type { Verification } from '../api/verifications';

/** Server → client WebSocket events (../shared/API.md "WebSocket"): payloads are the API's shapes. */
export type RealtimeEvent =
  | { readonly type: 'message.created'; readonly conversationId: string; readonly message: Message }
  | {
      readonly type: 'message.status';
      readonly conversationId: string;
      readonly messageId: string;
      readonly status: MessageStatus;
      readonly errorCode?: string;
    }
  | {
      readonly type: 'typing';
      readonly conversationId: string;
      readonly userId: string;
      readonly username: string;
      readonly isTyping: boolean;
    }
  | { readonly type: 'conversation.updated'; readonly conversation: Conversation }
  | { readonly type: 'verification.updated'; readonly verification: Verification }
  | {
      readonly type: 'notification';
      readonly kind: string;
      readonly title: string;
      readonly body: string;
      readonly ref?: string | null;
    }
  | { readonly type: 'pong' };

export type RealtimeEventType = RealtimeEvent['type'];
