import { dataService } from '../platform/db/data-service';
import { Message } from './entities/message';

/**
 * The entity the message history reads (./service/history.ts): GET .../messages then loads it
 * rather than the context's thirteen (./db.ts: the send path's transaction); the participation
 * check reads ./membership-db.ts.
 */
export const entities = { message: Message };

export const db = /* @__PURE__ */ dataService(entities);
