import { dataService } from '../db/data-service';
import { IdempotencyRecord } from './entities/idempotency-record';

/** The entities the http code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  idempotencyRecord: IdempotencyRecord,
};

export const db = /* @__PURE__ */ dataService(entities);
