import { dataService } from '../platform/db/data-service';
import { Preferences } from './entities/preferences';

/**
 * The one entity ./preferences.ts reads and writes. Notifications consult preferences from many
 * contexts (numbers, verifications, usage warnings), which then load this rather than the whole of
 * accounts' ./db.ts (each entity is about a millisecond of a cold start; see ../auth/users-db.ts).
 */
export const entities = { preferences: Preferences };

export const db = /* @__PURE__ */ dataService(entities);
