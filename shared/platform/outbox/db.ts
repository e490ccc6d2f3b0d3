import { dataService } from '../db/data-service';
import { Conversation } from '../../conversations/entities/conversation';

/** The entities the outbox code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  conversation: Conversation,
};

export const db = /* @__PURE__ */ dataService(entities);
