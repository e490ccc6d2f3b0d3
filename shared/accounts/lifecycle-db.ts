import { Activity } from '../activity/entities/activity';
import { Session } from '../auth/entities/session';
import { LedgerEntry } from '../billing/entities/ledger-entry';
import { Attachment } from '../conversations/entities/attachment';
import { Conversation, SmsThread } from '../conversations/entities/conversation';
import { Membership } from '../conversations/entities/membership';
import { ClientMessageClaim, Message } from '../conversations/entities/message';
import { SearchScope, SearchToken } from '../conversations/entities/search-token';
import { OwnedNumber } from '../numbers/entities/owned-number';
import { dataService } from '../platform/db/data-service';
import { UsageCounter } from '../usage/entities/usage-counter';
import { VerificationExport } from '../verifications/entities/verification-export';
import { WebhookEndpointCount } from '../webhooks/entities/webhook-endpoint';
import { AccountDeletion } from './entities/account-deletion';
import { ApiKey } from './entities/api-key';
import { LimitChange } from './entities/limit-change';
import { PlanSubscription } from './entities/plan-subscription';
import { Preferences } from './entities/preferences';
import { UniqueClaim } from './entities/unique-claim';
import { User } from './entities/user';

/**
 * The entities the account lifecycle (export and deletion, ./export-document.ts and
 * ./deletion.ts) reads and erases across contexts (see dataService): the accounts functions
 * themselves keep the lean ./db.ts.
 */
export const entities = {
  user: User,
  uniqueClaim: UniqueClaim,
  accountDeletion: AccountDeletion,
  ledgerEntry: LedgerEntry,
  conversation: Conversation,
  smsThread: SmsThread,
  membership: Membership,
  message: Message,
  clientMessageClaim: ClientMessageClaim,
  attachment: Attachment,
  searchToken: SearchToken,
  searchScope: SearchScope,
  ownedNumber: OwnedNumber,
  verificationExport: VerificationExport,
  usageCounter: UsageCounter,
  activity: Activity,
  limitChange: LimitChange,
  session: Session,
  apiKey: ApiKey,
  preferences: Preferences,
  planSubscription: PlanSubscription,
  webhookEndpointCount: WebhookEndpointCount,
};

export const db = /* @__PURE__ */ dataService(entities);
