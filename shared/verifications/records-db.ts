import { dataService } from '../platform/db/data-service';
import { Verification } from './entities/verification';

/**
 * The entity the read paths touch (./history.ts, `readOwned` in ./transitions.ts): a
 * verification. GET /v1/verifications(/{id}) and the exports' history reads load it rather than
 * the context's ./db.ts (leases, counters, ledger: the allocation and transition transactions).
 */
export const entities = { verification: Verification };

export const db = /* @__PURE__ */ dataService(entities);
