/** Shapes of the public API (../shared/API.md) as the web client uses them. */

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

export interface LoginResponse extends Tokens {
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}

export interface Profile {
  readonly userId: string;
  readonly email: string;
  readonly username: string;
  readonly fullName: string | null;
  readonly emailVerified: boolean;
  readonly plan: PlanId;
  readonly balanceCents: number;
  readonly createdAt: string;
}

export type PlanId = 'free' | 'pro' | 'business';

export interface Plan {
  readonly id: PlanId;
  readonly priceCents: number;
  readonly limits: {
    readonly smsPerMonth: number;
    readonly verificationsPerMonth: number;
    readonly numbers: number;
    readonly requestsPerSecond: number;
    readonly burst: number;
    /** Pending or received verification requests at once (v1.1). */
    readonly activeVerifications?: number;
  };
}

export interface Participant {
  readonly userId?: string;
  readonly username?: string;
  readonly phoneNumber?: string;
  readonly fullName?: string | null;
}

export type MessageStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'queued' | 'failed' | 'undelivered';

export interface Attachment {
  readonly id?: string;
  readonly attachmentId?: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size?: number;
  readonly downloadUrl?: string;
}

export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly clientMessageId?: string;
  readonly sender: Participant;
  readonly body: string;
  readonly mentions: ReadonlyArray<{ readonly userId: string; readonly username: string }>;
  readonly attachments: readonly Attachment[];
  readonly status: MessageStatus;
  readonly createdAt: string;
  /** SMS only. */
  readonly segments?: number;
  readonly encoding?: 'GSM-7' | 'UCS-2';
  readonly priceCents?: number;
  readonly errorCode?: string;
  readonly keyword?: string;
}

export interface MessagePreview {
  readonly id: string;
  readonly body: string;
  readonly sender: Participant;
  readonly createdAt: string;
  readonly attachmentCount?: number;
}

export interface Conversation {
  readonly id: string;
  readonly title: string | null;
  readonly type: 'chat' | 'sms';
  readonly fromNumber?: string | null;
  readonly participants: readonly Participant[];
  readonly lastMessage?: MessagePreview | null;
  readonly lastMessageAt: string | null;
  readonly unreadCount: number;
  readonly archived: boolean;
  readonly createdAt: string;
}

export interface SearchHit {
  readonly message: Message;
  readonly conversationId: string;
  readonly highlight: string;
}

export interface AttachmentUpload {
  readonly attachmentId: string;
  readonly upload: {
    readonly url: string;
    readonly fields: Record<string, string>;
    readonly expiresAt: string;
  };
}

export type NumberType = 'local' | 'mobile' | 'tollfree';
export type Capability = 'sms' | 'mms' | 'voice';

export interface AvailableNumber {
  readonly phoneNumber: string;
  readonly country: string;
  readonly region?: string | null;
  readonly type: NumberType;
  readonly capabilities: readonly Capability[];
  readonly monthlyPriceCents: number;
  readonly setupPriceCents: number;
}

export interface OwnedNumber {
  readonly phoneNumber: string;
  readonly country: string;
  readonly type: NumberType;
  readonly capabilities: readonly Capability[];
  readonly status: 'active' | 'cancelled' | 'expired';
  readonly autoRenew: boolean;
  readonly purchasedAt: string;
  readonly renewsAt: string;
  readonly monthlyPriceCents: number;
  readonly usage?: { readonly smsSent: number; readonly smsReceived: number; readonly periodStart: string };
}

export interface VerificationService {
  readonly id: string;
  readonly name: string;
  readonly priceCents: number;
}

export type VerificationStatus = 'pending' | 'received' | 'completed' | 'expired' | 'cancelled';

export interface VerificationCode {
  readonly code: string;
  readonly sms: string;
  readonly from: string;
  readonly receivedAt: string;
}

export interface Verification {
  readonly id: string;
  readonly service: string;
  readonly phoneNumber: string;
  readonly status: VerificationStatus;
  readonly priceCents: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly completedAt?: string | null;
  readonly codes: readonly VerificationCode[];
  /** SMS that held no code: shown, but they leave the request pending (v1.1). */
  readonly messages?: readonly VerificationMessage[];
  readonly finalCode?: string | null;
  readonly refunded?: boolean;
  /** True once the number was reported (cancelled, refunded, never offered for the service again). */
  readonly reported?: boolean;
  readonly reuseOf?: string | null;
}

export interface VerificationMessage {
  readonly sms: string;
  readonly from: string;
  readonly receivedAt: string;
}

export type ReportReason = 'number_used' | 'no_code' | 'other';

export interface Warning {
  readonly code: 'approaching_limit' | 'limit_reached' | string;
  readonly metric: string;
  readonly used: number;
  readonly limit: number;
  readonly percent: number;
  readonly upgrade: { readonly href: string };
}

export interface Activity {
  readonly type: string;
  readonly at: string;
  readonly summary: string;
  readonly ref?: string | null;
}

export interface Dashboard {
  readonly account: {
    readonly status: string;
    readonly plan: PlanId;
    readonly emailVerified: boolean;
    readonly balanceCents: number;
  };
  readonly usage: {
    readonly periodStart: string;
    readonly periodEnd: string;
    readonly smsSent: number;
    readonly smsReceived: number;
    readonly verifications: number;
    readonly apiRequests: number;
  };
  readonly limits: {
    readonly smsPerMonth: number;
    readonly verificationsPerMonth: number;
    readonly numbers: number;
    readonly requestsPerSecond: number;
  };
  readonly warnings: readonly Warning[];
  readonly numbers: { readonly owned: number };
  readonly recentActivity: readonly Activity[];
}

export const SCOPES = [
  'sms:send',
  'messages:read',
  'messages:write',
  'numbers:read',
  'numbers:write',
  'verifications:read',
  'verifications:write',
  'account:read',
  'webhooks:read',
  'webhooks:write',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly Scope[];
  readonly status?: 'active' | 'revoked';
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export interface NewApiKey extends ApiKey {
  readonly key: string;
}

export const PREFERENCE_KINDS = [
  'newMessage',
  'numberRenewal',
  'verificationExpired',
  'usageWarnings',
] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];
export type ChannelPreferences = Record<PreferenceKind, boolean>;
export interface NotificationPreferences {
  readonly email: ChannelPreferences;
  readonly inApp: ChannelPreferences;
}

/** Server → client WebSocket events. */
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

export interface UsageDay {
  readonly date: string;
  readonly apiRequests: number;
  readonly smsSent: number;
  readonly smsReceived: number;
  readonly verifications: number;
  readonly errors: number;
  readonly spendCents: number;
}

export interface LedgerEntry {
  readonly id: string;
  readonly type: 'topup' | 'charge' | 'refund' | string;
  readonly amountCents: number;
  readonly ref?: string | null;
  readonly at: string;
  readonly description?: string;
}

export interface Usage {
  readonly items: readonly UsageDay[];
  readonly byKey: ReadonlyArray<{
    readonly keyId: string;
    readonly apiRequests: number;
    readonly errors: number;
  }>;
  readonly billing: {
    readonly balanceCents: number;
    readonly chargesCents: number;
    readonly refundsCents: number;
    readonly ledger: readonly LedgerEntry[];
  };
}
