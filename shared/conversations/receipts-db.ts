import { dataService } from '../platform/db/data-service';
import { Membership } from './entities/membership';
import { Message } from './entities/message';

/**
 * The entities ./service/receipts.ts reads and writes: a message's status, and the reader's list
 * row (last read message, unread count). Marking read and delivery receipts then load these two
 * rather than the context's thirteen (./db.ts); see ./membership-db.ts.
 */
export const entities = {
  membership: Membership,
  message: Message,
};

export const db = /* @__PURE__ */ dataService(entities);
