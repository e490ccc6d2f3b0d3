import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { db } from './db';
import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../platform/http/cursor';
import type { VerificationItem } from './entities/verification';
import type { HistoryFilters } from './schemas';

/**
 * History reads: one Query on the `byUser` index (pk `vrfuser#<userId>`, sk the ULID id), newest
 * first. from/to become the sort-key range (ids embed their creation time), service and status
 * are checked on the items read. Items are read page by page and filtered here rather than with a
 * FilterExpression: the capacity is the same (DynamoDB charges for what it reads), and knowing the
 * last id read lets a page stop anywhere (a read budget) and resume exactly there.
 */
const ID_PREFIX = 'vrf_';
const ULID_RANDOM_MIN = '0'.repeat(16);
const ULID_RANDOM_MAX = 'Z'.repeat(16);
/** DynamoDB items per Query page. */
const PAGE_SIZE = 100;
/** Pages one history request may read before it returns what it has and a cursor. */
const HISTORY_PAGE_BUDGET = 10;

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

export interface ScanPage {
  /** Matching items of this DynamoDB page, newest first. */
  readonly items: VerificationItem[];
  /** Id of the last item read (matching or not): where the next page starts. */
  readonly lastRead?: string;
  /** False once the range is exhausted. */
  readonly more: boolean;
}

/**
 * Walks a user's history newest first, one DynamoDB page at a time, from just below `before`
 * (or the top of the window). Callers stop whenever they have enough.
 */
export async function* scanHistory(
  userId: string,
  filters: HistoryFilters,
  options: { before?: string; pageSize?: number } = {},
): AsyncGenerator<ScanPage> {
  const { lower, upper: windowUpper } = idRange(filters);
  const upper = options.before && options.before < windowUpper ? options.before : windowUpper;
  if (upper < lower) return;
  let cursor: string | null = null;
  do {
    const page: { data: VerificationItem[]; cursor: string | null } = await db()
      .entities.verification.query.byUser({ userId })
      .between({ verificationId: lower }, { verificationId: upper })
      .go({ order: 'desc', limit: options.pageSize ?? PAGE_SIZE, cursor });
    cursor = page.cursor;
    // `between` is inclusive; the cursor position itself was returned on the previous page.
    const read = page.data.filter((item) => item.verificationId !== options.before);
    yield {
      items: read.filter((item) => matches(item, filters)),
      ...(page.data.length > 0 ? { lastRead: page.data[page.data.length - 1]!.verificationId } : {}),
      more: cursor !== null,
    };
  } while (cursor);
}

export interface HistoryPage {
  readonly items: VerificationItem[];
  readonly nextCursor: string | null;
}

/**
 * One page of history: up to `limit` matching items, newest first. With selective filters the
 * read stops after a budget of DynamoDB pages and returns fewer items with a cursor (which may be
 * an empty page's continuation, never a gap or a repeat).
 */
export async function historyPage(
  userId: string,
  filters: HistoryFilters,
  limit: number,
  cursor?: string,
): Promise<HistoryPage> {
  const before = cursor ? decodeCursor(cursor, filters).before : undefined;
  const items: VerificationItem[] = [];
  let pages = 0;
  // Read one more than asked: whether a next page exists is then known without an extra request.
  const pageSize = Math.min(PAGE_SIZE, limit + 1);
  for await (const page of scanHistory(userId, filters, { ...(before ? { before } : {}), pageSize })) {
    pages++;
    for (const item of page.items) {
      if (items.length === limit) {
        return { items, nextCursor: encodeCursor({ before: items[limit - 1]!.verificationId }, filters) };
      }
      items.push(item);
    }
    if (!page.more) break;
    if (pages >= HISTORY_PAGE_BUDGET && page.lastRead) {
      return { items, nextCursor: encodeCursor({ before: page.lastRead }, filters) };
    }
  }
  return { items, nextCursor: null };
}

/** Up to `max` matching items, newest first (exports). */
export async function collectHistory(
  userId: string,
  filters: HistoryFilters,
  max: number,
): Promise<VerificationItem[]> {
  const items: VerificationItem[] = [];
  for await (const page of scanHistory(userId, filters)) {
    for (const item of page.items) {
      if (items.length === max) return items;
      items.push(item);
    }
  }
  return items;
}
