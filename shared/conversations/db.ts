import { dataService } from '../platform/db/data-service';
import { User } from '../accounts/entities/user';
import { Conversation, SmsThread } from './entities/conversation';
import { Membership } from './entities/membership';
import { ClientMessageClaim, Message } from './entities/message';
import { MessageEffects } from './entities/message-effects';
import { Attachment, PendingUploads } from './entities/attachment';
import { SearchScope, SearchToken } from './entities/search-token';
import { LedgerEntry } from '../billing/entities/ledger-entry';
import { SmsPendingSend } from '../sms/entities/pending-send';

/** The entities the conversations code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  conversation: Conversation,
  smsThread: SmsThread,
  membership: Membership,
  message: Message,
  clientMessageClaim: ClientMessageClaim,
  messageEffects: MessageEffects,
  attachment: Attachment,
  searchToken: SearchToken,
  searchScope: SearchScope,
  pendingUploads: PendingUploads,
  ledgerEntry: LedgerEntry,
  smsPendingSend: SmsPendingSend,
};

export const db = /* @__PURE__ */ dataService(entities);
