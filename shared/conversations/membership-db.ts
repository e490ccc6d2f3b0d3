import { dataService } from '../platform/db/data-service';
import { Conversation } from './entities/conversation';
import { Membership } from './entities/membership';

/**
 * The entities of "who is in which conversation, and in which folder": the Conversation item and
 * the caller's list row. Participation checks (./service/participation.ts) and the list, get,
 * archive, restore and participants routes read and write only these, so those functions load two
 * entities rather than the context's thirteen (./db.ts: messages, effects, attachments, search
 * index, billing...); each entity is a share of a cold start (see ../auth/users-db.ts).
 */
export const entities = {
  conversation: Conversation,
  membership: Membership,
};

export const db = /* @__PURE__ */ dataService(entities);
