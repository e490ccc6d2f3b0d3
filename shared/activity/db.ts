import { dataService } from '../platform/db/data-service';
import { Activity } from './entities/activity';

/** The entities the activity code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  activity: Activity,
};

export const db = /* @__PURE__ */ dataService(entities);
