import { logger } from '../platform/observability/logger';
import { marketplaceCatalog, verificationPoolCatalog } from './catalog';
import { addToVerificationPool, type StockResult, stockNumbers } from './inventory';

/**
 * Local seeding (run on every `npm start` and by the test runtime): the marketplace catalog
 * and the verification pool. Idempotent: numbers already held, in any state, are left alone.
 */
export async function seedNumberInventory(): Promise<{ marketplace: StockResult; pool: StockResult }> {
  const marketplace = await stockNumbers(marketplaceCatalog(), 'available', { source: 'seed' });
  const pool = await seedVerificationPool();
  if (marketplace.created + pool.created > 0) {
    logger.info('Number inventory seeded', { marketplace: marketplace.created, pool: pool.created });
  }
  return { marketplace, pool };
}

/** Stocks the verification pool (≥ 20 numbers in US, CA, GB, DE, FR). Reusable by the verifications context. */
export async function seedVerificationPool(): Promise<StockResult> {
  return addToVerificationPool(verificationPoolCatalog(), 'seed');
}
