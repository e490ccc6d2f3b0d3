/**
 * Shapes of the public API as the web client uses them: aliases of the SDK's types, which are
 * generated from /openapi.json (`npm run sdk:generate`), so the client cannot drift from the
 * route table. Client-only additions are marked. The scope list is the server's (shared SCOPES).
 */
import type { components, operations } from '../../../sdk/schema';

export { SCOPES, type Scope } from '../../../shared/http/route';

type Schemas = components['schemas'];

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export type LoginResponse = Schemas['Tokens'];
export type Tokens = Pick<LoginResponse, 'accessToken' | 'refreshToken'>;

export type Profile = Schemas['Profile'];
export type Plan = Schemas['Plan'];
export type PlanId = Plan['id'];

/** `fullName` (client-only, optional): shown in mention suggestions when known. */
export type Participant = Schemas['Participant'] & { readonly fullName?: string | null };

/** `sending` (client-only): a message posted optimistically and not yet confirmed. */
export type MessageStatus = Schemas['Message']['status'] | 'sending';
/** An attachment as sent by the server, or (client-only) one still uploading: no id/downloadUrl yet. */
export type Attachment = Pick<Schemas['Attachment'], 'fileName' | 'contentType'> &
  Partial<Pick<Schemas['Attachment'], 'id' | 'size' | 'downloadUrl'>> & { readonly attachmentId?: string };
export type Message = Omit<Schemas['Message'], 'status' | 'attachments'> & {
  readonly status: MessageStatus;
  readonly attachments: readonly Attachment[];
};
export type MessagePreview = Schemas['MessagePreview'];
export type Conversation = Schemas['Conversation'];
export type SearchHit = Schemas['SearchHit'];
export type AttachmentUpload =
  operations['createAttachment']['responses'][201]['content']['application/json'];

export type AvailableNumber = Schemas['AvailableNumber'];
export type NumberType = AvailableNumber['type'];
export type Capability = AvailableNumber['capabilities'][number];
export type OwnedNumber = Schemas['OwnedNumber'];

export type VerificationService = Schemas['VerificationService'];
export type Verification = Schemas['Verification'];
export type VerificationStatus = Verification['status'];
export type VerificationCode = Schemas['VerificationCode'];

export type Warning = Schemas['UsageWarning'];
export type Activity = Schemas['Activity'];
export type Dashboard = Schemas['Dashboard'];

export type ApiKey = Schemas['ApiKey'];
export type NewApiKey = Schemas['NewApiKey'];

export type NotificationPreferences = Schemas['NotificationPreferences'];
export type PreferenceKind = keyof NotificationPreferences['email'];
export type ChannelPreferences = Record<PreferenceKind, boolean>;
/** The order the preferences page lists them in. */
export const PREFERENCE_KINDS = [
  'newMessage',
  'numberRenewal',
  'verificationExpired',
  'usageWarnings',
] as const satisfies readonly PreferenceKind[];

export type Usage = Schemas['UsageReport'];
export type UsageDay = Schemas['UsageDay'];
export type LedgerEntry = Schemas['LedgerEntry'];

/** Server → client WebSocket events. */
export type RealtimeEvent =
  | { readonly type: 'message.created'; readonly conversationId: string; readonly message: Message }
  | {
      readonly type: 'message.status';
      readonly conversationId: string;
      readonly messageId: string;
      readonly status: MessageStatus;
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
