import { dataService } from '../platform/db/data-service';
import { Message } from './entities/message';
import { SearchScope, SearchToken } from './entities/search-token';

/**
 * The entities a search reads (./search.ts): the caller's index scopes, the index entries and the
 * messages they point at. GET /v1/messages/search then loads these three rather than the
 * context's thirteen (./db.ts: the send path's transaction); see ./membership-db.ts.
 */
export const entities = { searchScope: SearchScope, searchToken: SearchToken, message: Message };

export const db = /* @__PURE__ */ dataService(entities);
