import { dataService } from '../platform/db/data-service';
import { EmailCode } from './entities/email-code';

/** The entity ./codes.ts reads and writes: emailed one-time codes (verification, password reset). */
export const entities = { emailCode: EmailCode };

export const db = /* @__PURE__ */ dataService(entities);
