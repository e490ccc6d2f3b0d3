import { ApiKey, ApiKeyCount, ApiKeySecret } from '../../accounts/entities/api-key';
import { AccountDeletion } from '../../accounts/entities/account-deletion';
import { LimitChange } from '../../accounts/entities/limit-change';
import { Preferences } from '../../accounts/entities/preferences';
import { Activity } from '../../activity/entities/activity';
import { Session, TokenSession } from '../../auth/entities/session';
import { UniqueClaim } from '../../accounts/entities/unique-claim';
import { User } from '../../accounts/entities/user';
import { AbuseCounter } from '../../auth/entities/abuse-counter';
import { EmailCode } from '../../auth/entities/email-code';
import { RevokedToken } from '../../auth/entities/revoked-token';
import { IdempotencyRecord } from '../http/entities/idempotency-record';
import { UsageCounter } from '../../usage/entities/usage-counter';
import { Attachment, PendingUploads } from '../../conversations/entities/attachment';
import { Conversation, SmsThread } from '../../conversations/entities/conversation';
import { Membership } from '../../conversations/entities/membership';
import { ClientMessageClaim, Message } from '../../conversations/entities/message';
import { MessageEffects } from '../../conversations/entities/message-effects';
import { SearchScope, SearchToken } from '../../conversations/entities/search-token';
import { Connection } from '../../realtime/entities/connection';
import { TypingThrottle } from '../../realtime/entities/typing-throttle';
import { LedgerEntry } from '../../billing/entities/ledger-entry';
import { InventoryNumber } from '../../numbers/entities/inventory-number';
import { OwnedNumber, OwnedNumberCount } from '../../numbers/entities/owned-number';
import { SmsDedupe } from '../../sms/entities/sms-dedupe';
import { ActiveVerificationCount } from '../../verifications/entities/active-count';
import { NumberServiceUse } from '../../verifications/entities/number-service-use';
import { SmsOptOut } from '../../sms/entities/opt-out';
import { SmsPendingSend } from '../../sms/entities/pending-send';
import { SmsSendWindow } from '../../sms/entities/send-window';
import { PoolLease } from '../../verifications/entities/pool-lease';
import { Verification } from '../../verifications/entities/verification';
import { PlanSubscription } from '../../accounts/entities/plan-subscription';
import { VerificationExport } from '../../verifications/entities/verification-export';
import { WebhookDelivery } from '../../webhooks/entities/webhook-delivery';
import { WebhookEndpoint, WebhookEndpointCount } from '../../webhooks/entities/webhook-endpoint';
import { QueuedNotification } from '../../notifications/entities/queued-notification';
import { dataService } from './data-service';

/**
 * The registry: every entity of the single table. Adding an entity here is enough for the CDK
 * table to get its indexes (lib/ derives the GSIs from these definitions, ./table-definition.ts).
 * Production code does not use this Service: each context reads and writes through its own data
 * module (`shared/<context>/db.ts`, built with ./data-service.ts) that holds just the entities it
 * uses and those its transactions span — add a new entity there too.
 */
export const entities = {
  idempotencyRecord: IdempotencyRecord,
  user: User,
  uniqueClaim: UniqueClaim,
  emailCode: EmailCode,
  abuseCounter: AbuseCounter,
  revokedToken: RevokedToken,
  apiKey: ApiKey,
  apiKeySecret: ApiKeySecret,
  apiKeyCount: ApiKeyCount,
  usageCounter: UsageCounter,
  session: Session,
  tokenSession: TokenSession,
  preferences: Preferences,
  activity: Activity,
  limitChange: LimitChange,
  planSubscription: PlanSubscription,
  conversation: Conversation,
  smsThread: SmsThread,
  membership: Membership,
  message: Message,
  clientMessageClaim: ClientMessageClaim,
  messageEffects: MessageEffects,
  attachment: Attachment,
  pendingUploads: PendingUploads,
  searchToken: SearchToken,
  searchScope: SearchScope,
  connection: Connection,
  typingThrottle: TypingThrottle,
  inventoryNumber: InventoryNumber,
  ownedNumber: OwnedNumber,
  ownedNumberCount: OwnedNumberCount,
  ledgerEntry: LedgerEntry,
  smsDedupe: SmsDedupe,
  smsOptOut: SmsOptOut,
  smsSendWindow: SmsSendWindow,
  smsPendingSend: SmsPendingSend,
  verification: Verification,
  poolLease: PoolLease,
  verificationExport: VerificationExport,
  numberServiceUse: NumberServiceUse,
  activeVerificationCount: ActiveVerificationCount,
  webhookEndpoint: WebhookEndpoint,
  webhookEndpointCount: WebhookEndpointCount,
  webhookDelivery: WebhookDelivery,
  accountDeletion: AccountDeletion,
  queuedNotification: QueuedNotification,
} as const;

/**
 * The whole table's Service, for tests, the bench and tools that look at any entity (client and
 * table name resolved on first use). Lambda code uses its context's data module instead.
 */
export const db = /* @__PURE__ */ dataService(entities);
