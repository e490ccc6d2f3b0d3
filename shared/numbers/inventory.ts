import { budgetedPage } from '../platform/db/read-budget';
import { formatPhone } from './phone-format';
import { isConditionalFailure } from '../platform/db/errors';
import { NotFound } from '../platform/errors';
import { db } from './inventory-db';
import { logger } from '../platform/observability/logger';
import type { InventoryInput } from './catalog';
import { decodeCursor, encodeCursor, partitionOf } from './cursor';
import {
  CAPABILITIES,
  type Capability,
  type InventoryNumberItem,
  type InventoryStatus,
  type NumberType,
} from './entities/inventory-number';

/**
 * The inventory: every number the platform holds, the marketplace view of it, and the
 * verification pool. Purchases and renewals change inventory items inside their own
 * transactions (./service.ts, ./renewals.ts); this module reads and stocks.
 */

export interface AvailableNumber {
  readonly phoneNumber: string;
  readonly country: string;
  readonly region?: string;
  readonly type: NumberType;
  readonly capabilities: Capability[];
  readonly monthlyPriceCents: number;
  readonly setupPriceCents: number;
}

export interface AvailableNumberDetail extends AvailableNumber {
  readonly currency: 'USD';
  /** Charged at purchase: setup + the first month. */
  readonly firstPaymentCents: number;
  readonly nationalFormat: string;
  readonly internationalFormat: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** Capabilities in a stable order (DynamoDB string sets are unordered). */
export const orderedCapabilities = (caps: readonly string[]): Capability[] =>
  CAPABILITIES.filter((c) => caps.includes(c));

const toAvailable = (item: InventoryNumberItem): AvailableNumber => ({
  phoneNumber: item.phoneNumber,
  country: item.country,
  ...(item.region ? { region: item.region } : {}),
  type: item.type,
  capabilities: orderedCapabilities(item.capabilities),
  monthlyPriceCents: item.monthlyPriceCents,
  setupPriceCents: item.setupPriceCents,
});

export interface AvailableFilter {
  readonly country?: string;
  readonly type?: NumberType;
  readonly capability?: Capability;
  /** Digits the number must contain. */
  readonly contains?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The marketplace: one Query on the `byStatus` index's `available` partition, narrowed by
 * country and type as a sort-key prefix; capability and digits are filters. The read is
 * budgeted (`budgetedPage`): a filter that matches little returns what it found within the
 * budget with a cursor, instead of paging through the whole inventory; pages never skip or
 * repeat a number.
 */
export async function listAvailableNumbers(filter: AvailableFilter): Promise<Page<AvailableNumber>> {
  const key = {
    status: 'available' as const,
    ...(filter.country ? { country: filter.country } : {}),
    ...(filter.country && filter.type ? { type: filter.type } : {}),
  };
  const query = db()
    .entities.inventoryNumber.query.byStatus(key)
    .where((attr, op) =>
      [
        filter.type && !filter.country ? op.eq(attr.type, filter.type) : '',
        filter.capability ? op.contains(attr.capabilities, filter.capability) : '',
        filter.contains ? op.contains(attr.phoneNumber, filter.contains) : '',
      ]
        .filter(Boolean)
        .join(' AND '),
    );
  const cursor = decodeCursor('available', filter.cursor, partitionOf(query.params()));
  const { data, cursor: next } = await budgetedPage(query, { count: filter.limit, cursor });
  return { items: data.map(toAvailable), nextCursor: encodeCursor('available', next) };
}

export async function getInventoryNumber(phoneNumber: string): Promise<InventoryNumberItem | undefined> {
  const { data } = await db().entities.inventoryNumber.get({ phoneNumber }).go({ consistent: true });
  return data ?? undefined;
}

/** Marketplace detail; 404 unless the number is for sale right now. */
export async function getAvailableNumber(phoneNumber: string): Promise<AvailableNumberDetail> {
  const item = await getInventoryNumber(phoneNumber);
  if (item?.status !== 'available') throw new NotFound('This number is not available.');
  const formatted = formatPhone(item.phoneNumber);
  return {
    ...toAvailable(item),
    currency: 'USD',
    firstPaymentCents: item.setupPriceCents + item.monthlyPriceCents,
    nationalFormat: formatted?.national ?? item.phoneNumber,
    internationalFormat: formatted?.international ?? item.phoneNumber,
  };
}

export interface StockResult {
  readonly created: number;
  readonly existing: number;
}

/**
 * Adds numbers to the inventory with `status` (available or verification-pool), skipping numbers
 * already held in any state: existing numbers are looked up in batches first and the rest created
 * conditionally, so stocking is idempotent and never resets a sold or quarantined number.
 */
export async function stockNumbers(
  numbers: readonly InventoryInput[],
  status: Extract<InventoryStatus, 'available' | 'verification-pool'>,
  options: { source?: 'seed' | 'import' | 'provisioned'; providerIds?: ReadonlyMap<string, string> } = {},
): Promise<StockResult> {
  const entity = db().entities.inventoryNumber;
  const existing = new Set<string>();
  for (let i = 0; i < numbers.length; i += 100) {
    const keys = numbers.slice(i, i + 100).map((n) => ({ phoneNumber: n.phoneNumber }));
    const { data } = await entity.get(keys).go({ preserveBatchOrder: false });
    for (const item of data) if (item) existing.add(item.phoneNumber);
  }
  const missing = numbers.filter((n) => !existing.has(n.phoneNumber));
  let created = 0;
  for (let i = 0; i < missing.length; i += 10) {
    const results = await Promise.all(
      missing.slice(i, i + 10).map(async (n) => {
        const providerId = options.providerIds?.get(n.phoneNumber);
        try {
          await entity
            .create({
              phoneNumber: n.phoneNumber,
              country: n.country,
              type: n.type,
              capabilities: [...n.capabilities],
              monthlyPriceCents: n.monthlyPriceCents,
              setupPriceCents: n.setupPriceCents,
              status,
              source: options.source ?? 'seed',
              ...(n.region ? { region: n.region } : {}),
              ...(providerId ? { providerId } : {}),
            })
            .go();
          return 1;
        } catch (error) {
          if (isConditionalFailure(error)) return 0;
          throw error;
        }
      }),
    );
    created += results.reduce<number>((a, b) => a + b, 0);
  }
  return { created, existing: numbers.length - created };
}

/**
 * Releases quarantined numbers whose quarantine ended back to the marketplace: one Query on the
 * sparse `byQuarantineEnd` index (`quarantinedUntil <= now`), then one conditional update per
 * number (still quarantined with the same end), so two runs never release twice. `ownerId` is
 * kept through the quarantine (the last owner) and removed here; `inScope` can restrict a run
 * to some last owners (the local test endpoint).
 */
export async function releaseQuarantinedNumbers(
  now: Date,
  inScope: (lastOwnerId: string | undefined) => boolean = () => true,
  batch = Number.POSITIVE_INFINITY,
): Promise<{ released: number; more: boolean }> {
  let released = 0;
  let taken = 0;
  let cursor: string | null = null;
  do {
    const page: { data: InventoryNumberItem[]; cursor: string | null } = await db()
      .entities.inventoryNumber.query.byQuarantineEnd({ status: 'quarantined' })
      .lte({ quarantinedUntil: now.toISOString() })
      .go({ cursor, limit: 100 });
    for (const item of page.data) {
      if (!item.quarantinedUntil || !inScope(item.ownerId)) continue;
      // Left for the next run: it is still due in the index.
      if (taken >= batch) return { released, more: true };
      taken += 1;
      const until = item.quarantinedUntil;
      try {
        await db()
          .entities.inventoryNumber.patch({ phoneNumber: item.phoneNumber })
          .set({ status: 'available' })
          .remove(['quarantinedUntil', 'ownerId', 'soldAt'])
          .where(
            (attr, op) => `${op.eq(attr.status, 'quarantined')} AND ${op.eq(attr.quarantinedUntil, until)}`,
          )
          .go();
        released += 1;
        logger.info('Number released from quarantine', { phoneNumber: item.phoneNumber });
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return { released, more: false };
}

/* ------------------------------------------------------------------------------------------ */
/* Verification pool                                                                          */
/* ------------------------------------------------------------------------------------------ */

/**
 * The verification pool is inventory with `status = verification-pool`: never listed in the
 * marketplace, never sold (a purchase is conditional on `status = available`). The verifications
 * context reads it with `listVerificationPool` and keeps its own per-number leases: which pool
 * number serves which active verification is theirs to track (e.g. a lease item per number,
 * created conditionally), so no number serves two active verifications at once.
 */
export interface PoolNumber {
  readonly phoneNumber: string;
  readonly country: string;
  readonly region?: string;
  readonly type: NumberType;
  readonly capabilities: Capability[];
}

/**
 * Pool numbers, optionally of one country, in (country, type, number) order. One Query on the
 * `byStatus` index's `verification-pool` partition. Without `limit`, the whole pool (or country).
 */
export async function listVerificationPool(
  options: { country?: string; limit?: number; cursor?: string } = {},
): Promise<Page<PoolNumber>> {
  const query = db().entities.inventoryNumber.query.byStatus({
    status: 'verification-pool',
    ...(options.country ? { country: options.country } : {}),
  });
  const cursor = decodeCursor('pool', options.cursor, partitionOf(query.params()));
  const { data, cursor: next } = await query.go(
    options.limit ? { count: options.limit, cursor } : { pages: 'all', cursor },
  );
  return {
    items: data.map((item) => ({
      phoneNumber: item.phoneNumber,
      country: item.country,
      ...(item.region ? { region: item.region } : {}),
      type: item.type,
      capabilities: orderedCapabilities(item.capabilities),
    })),
    nextCursor: options.limit ? encodeCursor('pool', next) : null,
  };
}

/** True when `phoneNumber` belongs to the verification pool. */
export async function isVerificationPoolNumber(phoneNumber: string): Promise<boolean> {
  return (await getInventoryNumber(phoneNumber))?.status === 'verification-pool';
}

/** Adds numbers to the verification pool (idempotent). */
export async function addToVerificationPool(
  numbers: readonly InventoryInput[],
  source: 'seed' | 'import' | 'provisioned' = 'seed',
): Promise<StockResult> {
  return stockNumbers(numbers, 'verification-pool', { source });
}
