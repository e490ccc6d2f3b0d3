import { dataService } from '../platform/db/data-service';
import { UsageCounter } from './entities/usage-counter';

/** The entities the usage code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  usageCounter: UsageCounter,
};

export const db = /* @__PURE__ */ dataService(entities);
