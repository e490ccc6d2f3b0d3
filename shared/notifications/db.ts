import { dataService } from '../platform/db/data-service';
import { QueuedNotification } from './entities/queued-notification';

/** The entities the notifications code reads and writes (see dataService). */
export const entities = {
  queuedNotification: QueuedNotification,
};

export const db = /* @__PURE__ */ dataService(entities);
