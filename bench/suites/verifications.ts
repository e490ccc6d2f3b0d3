/**
 * Verification benchmarks (issue 5): DynamoDB calls and consumed capacity of a create
 * (allocation + charge), an inbound code, a cancel (refund), a completion, an expiry run per
 * processed request and an idle expiry run, a history page and a 100-row export.
 *
 * Used by the bench runner (`runVerificationBenchmarks`), or on its own:
 *   npx tsx bench/suites/verifications.ts            (spawns a local runtime on free ports)
 * It prints the figures and merges them into bench/results.json under "verifications".
 *
 * Capacity comes from DynamoDB Local's ReturnConsumedCapacity=TOTAL on every call (the
 * `instrument` middleware of ./conversations.ts), so the figures are those of the very service
 * functions the handlers run, minus HTTP. Writes in a transaction cost double (DynamoDB's
 * transactional pricing), which DynamoDB Local reports as such.
 */
import { randomUUID } from 'node:crypto';
import { type Cost, main, runStandalone, seedUser as seedBenchUser, sharedMeter } from '../harness/index';

export interface VerificationBenchResult {
  readonly create: Cost;
  readonly inboundCode: Cost;
  readonly cancel: Cost;
  readonly complete: Cost;
  readonly expiryPerProcessed: Cost & { readonly processed: number };
  readonly expiryIdleRun: Cost;
  readonly historyPage: Cost;
  readonly export100: Cost;
  readonly notes: string[];
}

/** A country no test or other bench stocks, so the bench's verification pool is its own. */
export const POOL_COUNTRY = 'JP';
const EXPIRY_BATCH = 20;

/** Adds `count` fresh verification-pool numbers in POOL_COUNTRY. */
export async function seedPool(count: number): Promise<void> {
  const { freshPoolNumbers } = await import('../../test/integration/verifications/helpers');
  const { addToVerificationPool } = await import('../../shared/numbers/inventory');
  await addToVerificationPool(
    freshPoolNumbers(POOL_COUNTRY, count).map((phoneNumber) => ({
      phoneNumber,
      country: POOL_COUNTRY,
      type: 'mobile' as const,
      capabilities: ['sms' as const],
      monthlyPriceCents: 0,
      setupPriceCents: 0,
    })),
  );
}

/** A user with a balance, straight into the table (no Cognito needed here). */
async function seedUser(): Promise<string> {
  // Business: the batch below holds more active requests than the free plan's cap of 3.
  return (await seedBenchUser('bench', { balanceCents: 100_000, plan: 'business' })).userId;
}

/** Data-layer figures; needs process.env pointing at a runtime's emulators. */
export async function runVerificationBenchmarks(): Promise<VerificationBenchResult> {
  const { db } = await import('../../shared/platform/db/service');
  const service = await import('../../shared/verifications/service');
  const { handleVerificationSms } = await import('../../shared/verifications/inbound');
  const { expireDueVerifications } = await import('../../shared/verifications/expiry');
  const { exportHistory } = await import('../../shared/verifications/exports');
  const meter = await sharedMeter();
  // Released numbers cool down (20 minutes) before they are rented again: one number per create.
  await seedPool(EXPIRY_BATCH + 100);
  const userId = await seedUser();
  const create = () => service.createVerification({ userId, service: 'telegram', country: POOL_COUNTRY });

  await service.cancelVerification(userId, (await create()).id); // warm-up
  let created = await create();
  const createCost = await meter.measure(async () => {
    created = await create();
  });
  const inboundCode = await meter.measure(() =>
    handleVerificationSms({
      to: created.phoneNumber,
      from: 'Telegram',
      body: 'Telegram code: 40921. Do not give this code to anyone.',
      receivedAt: new Date().toISOString(),
      inboundMessageId: randomUUID(),
    }),
  );
  const complete = await meter.measure(() => service.completeVerification(userId, created.id));
  const pending = await create();
  const cancel = await meter.measure(() => service.cancelVerification(userId, pending.id));

  // Expiry: a batch made due at an instant of its own, the job run with the clock there.
  const due = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 2 ** 31));
  const batch = [];
  for (let i = 0; i < EXPIRY_BATCH; i++) batch.push(await create());
  for (const v of batch) {
    const { data } = await db().entities.verification.get({ verificationId: v.id }).go();
    await db()
      .entities.verification.patch({ verificationId: v.id })
      .set({ expiresAt: due.toISOString(), expiryShard: data!.expiryShard, status: 'pending' })
      .go();
  }
  let processed = 0;
  const expiryRun = await meter.measure(async () => {
    processed = (await expireDueVerifications(new Date(due.getTime() + 1000))).processed;
  });
  const per = (value: number) => Math.round((value / Math.max(1, processed)) * 100) / 100;
  const expiryIdleRun = await meter.measure(() => expireDueVerifications(new Date(due.getTime() + 2000)));

  for (let i = 0; i < 70; i++) await service.cancelVerification(userId, (await create()).id);
  const historyPage = await meter.measure(() =>
    service.listVerifications(userId, { filters: {}, limit: 20 }),
  );
  const export100 = await meter.measure(() =>
    exportHistory(userId, { filters: {}, format: 'csv', forceAsync: false }),
  );

  return {
    create: createCost,
    inboundCode,
    cancel,
    complete,
    expiryPerProcessed: {
      processed,
      calls: per(expiryRun.calls),
      byOperation: Object.fromEntries(Object.entries(expiryRun.byOperation).map(([k, n]) => [k, per(n)])),
      readUnits: per(expiryRun.readUnits),
      writeUnits: per(expiryRun.writeUnits),
      capacityUnits: per(expiryRun.capacityUnits),
      ms: per(expiryRun.ms),
    },
    expiryIdleRun,
    historyPage,
    export100,
    notes: [
      'create: GetItem (user limits) + UpdateItem x2 (quota month/day) + Query (pool) + Query (held or cooling leases) + Query (number history of the service) + TransactWriteItems (lease, history, active counter, verification, balance, ledger) + UpdateItem x2 (spend counters) + PutItem (activity).',
      'inboundCode: GetItem (lease) + UpdateItem (append, conditional) + Query (owner sockets).',
      'cancel: GetItem + TransactWriteItems (status, lease released into its cool-down, active counter, balance, ledger refund) + push + activity.',
      `expiryPerProcessed: one Query per shard per run, then per due request a transaction like cancel, plus notification preferences, email and push (batch of ${EXPIRY_BATCH}).`,
      'expiryIdleRun: one Query per shard on the sparse index and nothing else, however many requests exist.',
    ],
  };
}

if (require.main === module) {
  main(() => runStandalone('verifications', runVerificationBenchmarks));
}
