/**
 * A read budget for filtered lists (../shared/API.md, v1.1: "List filters never read unbounded
 * data"). A filter is applied after the read (a DynamoDB FilterExpression, or a check on the
 * items read), so a filter that matches little would page through the whole partition.
 * `budgetedPage` reads at most `READ_BUDGET.requests` DynamoDB pages, each evaluating at most as
 * many items as are still missing (so a page never returns more than needed and the cursor never
 * skips an item), and returns what it found with the cursor of the last page when the budget
 * runs out: the client continues from there (an empty page with a nextCursor is a normal answer).
 * Every filtered list reads through it.
 */
export const READ_BUDGET = { requests: 10 } as const;

/** The part of an ElectroDB query (or a keyset read shaped like one) this needs: one page per call. */
export interface PageableQuery<T> {
  go(options: { cursor: string | null; limit: number; pages: number }): Promise<{
    data: T[];
    cursor: string | null;
  }>;
}

export interface BudgetOptions<T> {
  readonly count: number;
  readonly cursor: string | null;
  readonly requests?: number;
  /**
   * For keyset cursors (resume after an item): the cursor that resumes after `item`. With it
   * one item more than asked is read, so the last page of a list says so (a null cursor)
   * instead of handing out a cursor to an empty page.
   */
  readonly cursorAfter?: (item: T) => string;
}

export async function budgetedPage<T>(
  query: PageableQuery<T>,
  options: BudgetOptions<T>,
): Promise<{ data: T[]; cursor: string | null }> {
  const items: T[] = [];
  const target = options.count + (options.cursorAfter ? 1 : 0);
  let cursor = options.cursor;
  const requests = options.requests ?? READ_BUDGET.requests;
  for (let used = 0; used < requests; used += 1) {
    const need = target - items.length;
    const page = await query.go({ cursor, limit: need, pages: 1 });
    items.push(...page.data.slice(0, need));
    cursor = page.cursor;
    if (!cursor || items.length >= target) break;
  }
  if (options.cursorAfter && items.length > options.count) {
    const data = items.slice(0, options.count);
    return { data, cursor: options.cursorAfter(data[data.length - 1]!) };
  }
  return { data: items, cursor };
}

/**
 * A keyset read (resume strictly after an item's key) as a PageableQuery whose filter is checked
 * on the items read: `readPage` reads one DynamoDB page of at most `limit` items after `after`;
 * the cursor is the key of the last item read, matching or not, so a page can stop anywhere and
 * the next one resumes exactly there.
 */
export function keysetQuery<T>(
  readPage: (after: string | null, limit: number) => Promise<{ data: T[]; cursor: string | null }>,
  keyOf: (item: T) => string,
  matches: (item: T) => boolean,
): PageableQuery<T> {
  return {
    async go({ cursor, limit }) {
      const page = await readPage(cursor, limit);
      const last = page.data.at(-1);
      return { data: page.data.filter(matches), cursor: page.cursor && last ? keyOf(last) : null };
    },
  };
}
