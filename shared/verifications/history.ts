import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { budgetedPage, keysetQuery, type PageableQuery } from '../platform/db/read-budget';
import { db } from './records-db';
import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../platform/http/cursor';
import type { VerificationItem } from './entities/verification';
import type { HistoryFilters } from './schemas';

/**
 * History reads: one Query on the `byUser` index (pk `vrfuser#<userId>`, sk the ULID id), newest
 * first. from/to become the sort-key range (ids embed their creation time), service and status
 * are checked on the items read. Items are read page by page and filtered here rather than with a
 * FilterExpression: the capacity is the same (DynamoDB charges for what it reads), and knowing the
 * last id read lets a page stop anywhere (the read budget of ../platform/db/read-budget.ts) and
 * resume exactly there.
 */
const ID_PREFIX = 'vrf_';
const ULID_RANDOM_MIN = '0'.repeat(16);
const ULID_RANDOM_MAX = 'Z'.repeat(16);
/** DynamoDB items per Query page of an export. */
const PAGE_SIZE = 100;

export interface CursorState {
  /** Resume strictly below (older than) this id. */
  readonly before: string;
}

/** The same filters always give the same digest: a cursor cannot be replayed with other filters. */
const filterDigest = (filters: HistoryFilters): string =>
  createHash('sha256')
    .update(
      JSON.stringify([filters.service ?? '', filters.status ?? '', filters.fromMs ?? '', filters.toMs ?? '']),
    )
    .digest('base64url')
    .slice(0, 12);

export function encodeCursor(state: CursorState, filters: HistoryFilters): string {
  return encodeOpaqueCursor(CURSOR_KIND, { b: state.before, f: filterDigest(filters) });
}

const CURSOR_KIND = 'verifications';
const ID_SHAPE = /^vrf_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Decodes a cursor made by `encodeCursor` for the same filters; anything else is a 400. */
export function decodeCursor(cursor: string, filters: HistoryFilters): CursorState {
  const { b, f, ...rest } = decodeOpaqueCursor(CURSOR_KIND, cursor);
  if (
    typeof b !== 'string' ||
    !ID_SHAPE.test(b) ||
    f !== filterDigest(filters) ||
    Object.keys(rest).length > 0
  ) {
    throw invalidCursor();
  }
  return { before: b };
}

/** Sort-key bounds of a from/to window (inclusive), as id strings. */
export function idRange(filters: HistoryFilters): { lower: string; upper: string } {
  const from = Math.max(0, filters.fromMs ?? 0);
  const to = Math.min(filters.toMs ?? Date.UTC(9999, 0), 2 ** 48 - 1);
  return {
    lower: `${ID_PREFIX}${encodeTime(from, 10)}${ULID_RANDOM_MIN}`,
    upper: `${ID_PREFIX}${encodeTime(Math.max(from, to), 10)}${ULID_RANDOM_MAX}`,
  };
}

export function matches(item: VerificationItem, filters: HistoryFilters): boolean {
  return (
    (!filters.service || item.service === filters.service) &&
    (!filters.status || item.status === filters.status)
  );
}

/** Crockford base32, the ULID alphabet, in sort order. */
const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The greatest id sorting strictly below `id` (same length and alphabet); undefined below the first. */
export function idJustBelow(id: string): string | undefined {
  const body = id.slice(ID_PREFIX.length).split('');
  for (let i = body.length - 1; i >= 0; i -= 1) {
    const position = ULID_ALPHABET.indexOf(body[i]!);
    if (position > 0) {
      body[i] = ULID_ALPHABET[position - 1]!;
      return `${ID_PREFIX}${body.join('')}`;
    }
    body[i] = ULID_ALPHABET[ULID_ALPHABET.length - 1]!;
  }
  return undefined;
}

/**
 * A user's history newest first as a keyset read: each call reads one DynamoDB page of up to
 * `limit` items strictly below the cursor (an id; none: the top of the window) and returns the
 * matching ones, with the id of the last item read as the cursor while the window goes on.
 */
function historyQuery(userId: string, filters: HistoryFilters): PageableQuery<VerificationItem> {
  const { lower, upper: windowUpper } = idRange(filters);
  return keysetQuery(
    async (after, limit) => {
      const below = after ? idJustBelow(after) : windowUpper;
      const upper = below !== undefined && below < windowUpper ? below : windowUpper;
      if (below === undefined || upper < lower) return { data: [], cursor: null };
      return db()
        .entities.verification.query.byUser({ userId })
        .between({ verificationId: lower }, { verificationId: upper })
        .go({ order: 'desc', limit });
    },
    (item) => item.verificationId,
    (item) => matches(item, filters),
  );
}

export interface HistoryPage {
  readonly items: VerificationItem[];
  readonly nextCursor: string | null;
}

/**
 * One page of history: up to `limit` matching items, newest first, read within the read budget
 * (`budgetedPage`): with selective filters it returns fewer items with a cursor (which may be an
 * empty page's continuation, never a gap or a repeat).
 */
export async function historyPage(
  userId: string,
  filters: HistoryFilters,
  limit: number,
  cursor?: string,
): Promise<HistoryPage> {
  const before = cursor ? decodeCursor(cursor, filters).before : null;
  const page = await budgetedPage(historyQuery(userId, filters), {
    count: limit,
    cursor: before,
    cursorAfter: (item) => item.verificationId,
  });
  return {
    items: page.data,
    nextCursor: page.cursor ? encodeCursor({ before: page.cursor }, filters) : null,
  };
}

/** Every matching item of the user, a page at a time (exports and account deletion: bounded memory). */
export async function* scanHistory(
  userId: string,
  filters: HistoryFilters,
): AsyncGenerator<{ items: VerificationItem[] }> {
  const query = historyQuery(userId, filters);
  let cursor: string | null = null;
  do {
    const page: { data: VerificationItem[]; cursor: string | null } = await query.go({
      cursor,
      limit: PAGE_SIZE,
      pages: 1,
    });
    yield { items: page.data };
    cursor = page.cursor;
  } while (cursor);
}

/** Up to `max` matching items, newest first (exports, a background job: no read budget). */
export async function collectHistory(
  userId: string,
  filters: HistoryFilters,
  max: number,
): Promise<VerificationItem[]> {
  const items: VerificationItem[] = [];
  for await (const page of scanHistory(userId, filters)) {
    items.push(...page.items.slice(0, max - items.length));
    if (items.length >= max) break;
  }
  return items;
}
