import { dataService } from '../platform/db/data-service';
import { Connection } from './entities/connection';
import { TypingThrottle } from './entities/typing-throttle';

/** The entities the realtime code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  connection: Connection,
  typingThrottle: TypingThrottle,
};

export const db = /* @__PURE__ */ dataService(entities);
