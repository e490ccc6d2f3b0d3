import { dataService } from '../platform/db/data-service';
import { Connection } from './entities/connection';

/**
 * The entity ./connections.ts reads and writes. Every context that pushes an event (messages,
 * SMS, verifications, numbers) loads this rather than ./db.ts with the typing throttle.
 */
export const entities = { connection: Connection };

export const db = /* @__PURE__ */ dataService(entities);
