import { dataService } from '../platform/db/data-service';
import { User } from '../accounts/entities/user';
import { Message } from '../conversations/entities/message';
import { LedgerEntry } from '../billing/entities/ledger-entry';
import { SmsDedupe } from './entities/sms-dedupe';
import { SmsOptOut } from './entities/opt-out';
import { SmsSendWindow } from './entities/send-window';
import { SmsPendingSend } from './entities/pending-send';

/** The entities the sms code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  user: User,
  message: Message,
  ledgerEntry: LedgerEntry,
  smsDedupe: SmsDedupe,
  smsOptOut: SmsOptOut,
  smsSendWindow: SmsSendWindow,
  smsPendingSend: SmsPendingSend,
};

export const db = /* @__PURE__ */ dataService(entities);
