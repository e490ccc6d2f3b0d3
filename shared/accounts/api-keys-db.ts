import { dataService } from '../platform/db/data-service';
import { ApiKey, ApiKeyCount, ApiKeySecret } from './entities/api-key';

/**
 * The entities ./api-keys.ts reads and writes (a key, its hash, the user's live-key counter; one
 * transaction spans the three). The key routes and the access-log metering load these rather than
 * the whole of ./db.ts (users, plans, limits, usage, ledger): see ../auth/users-db.ts.
 */
export const entities = { apiKey: ApiKey, apiKeySecret: ApiKeySecret, apiKeyCount: ApiKeyCount };

export const db = /* @__PURE__ */ dataService(entities);
