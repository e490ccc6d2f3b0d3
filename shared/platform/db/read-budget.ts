/**
 * A read budget for filtered lists (../shared/API.md, v1.1: "List filters never read unbounded
 * data"). A DynamoDB filter is applied after the read, so a filter that matches little makes a
 * `count`-driven query page through the whole partition. `budgetedPage` reads at most
 * `READ_BUDGET.requests` DynamoDB pages, each evaluating at most as many items as are still
 * missing (so a page never returns more than needed and the cursor never skips an item), and
 * returns what it found with the cursor of the last page when the budget runs out: the client
 * continues from there (an empty page with a nextCursor is a normal answer).
 * Verification history applies the same rule with its own id-range cursor (HISTORY_PAGE_BUDGET).
 */
export const READ_BUDGET = { requests: 10 } as const;

/** The part of an ElectroDB query this needs: one DynamoDB page per call. */
export interface PageableQuery<T> {
  go(options: { cursor: string | null; limit: number; pages: number }): Promise<{
    data: T[];
    cursor: string | null;
  }>;
}

export async function budgetedPage<T>(
  query: PageableQuery<T>,
  options: { count: number; cursor: string | null; requests?: number },
): Promise<{ data: T[]; cursor: string | null }> {
  const items: T[] = [];
  let cursor = options.cursor;
  const requests = options.requests ?? READ_BUDGET.requests;
  for (let used = 0; used < requests; used += 1) {
    const need = options.count - items.length;
    const page = await query.go({ cursor, limit: need, pages: 1 });
    items.push(...page.data.slice(0, need));
    cursor = page.cursor;
    if (!cursor || items.length >= options.count) break;
  }
  return { data: items, cursor };
}
