import { dataService } from '../platform/db/data-service';
import { VerificationExport } from './entities/verification-export';

/**
 * The entity ./exports.ts reads and writes: an export request (both kinds: verification
 * history and account data). The export routes load it rather than the context's ./db.ts.
 */
export const entities = { verificationExport: VerificationExport };

export const db = /* @__PURE__ */ dataService(entities);
