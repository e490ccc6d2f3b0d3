/**
 * The shared benchmark harness: the local runtime the bench runs against, latency statistics,
 * sampling and the seeding helpers every context's benchmark uses. The DynamoDB capacity meter
 * is ./capacity.ts (re-exported here).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Cost, type Meter, round, toAttributeValue } from './capacity';

export { type Cost, instrument, type Meter, round, sharedMeter } from './capacity';

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 0.5);

/** One operation measured several times: capacity of a typical run and latency percentiles. */
export interface Sampled {
  readonly cost: Cost;
  readonly samples: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/**
 * Runs `prepare` (unmeasured) then `work` (measured) `times` times, after `warmup` unmeasured
 * rounds. Capacity is the median run's (all runs of a deterministic operation cost the same;
 * the median ignores a rare retry); latency is p50/p95 over the runs.
 */
export async function sample<T>(
  meter: Meter,
  options: { times: number; warmup?: number },
  prepare: (round: number) => Promise<T>,
  work: (input: T) => Promise<unknown>,
): Promise<Sampled> {
  for (let i = 0; i < (options.warmup ?? 1); i++) await work(await prepare(-1 - i));
  const costs: Cost[] = [];
  for (let i = 0; i < options.times; i++) {
    const input = await prepare(i);
    costs.push(await meter.measure(() => work(input)));
  }
  const byUnits = [...costs].sort((a, b) => a.capacityUnits - b.capacityUnits || a.calls - b.calls);
  const ms = costs.map((c) => c.ms);
  return {
    cost: byUnits[Math.floor((byUnits.length - 1) / 2)]!,
    samples: costs.length,
    p50Ms: round(percentile(ms, 0.5), 1),
    p95Ms: round(percentile(ms, 0.95), 1),
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding straight through the data layer (no Cognito, no HTTP).

const uniqueSuffix = () => randomUUID().replaceAll('-', '').slice(0, 12);

/** A user record, its username/email claims and optionally a balance, straight into the table. */
export async function seedUser(
  label = 'bench',
  options: { balanceCents?: number; plan?: 'free' | 'pro' | 'business' } = {},
): Promise<{ userId: string; username: string; email: string }> {
  const { db } = await import('../../shared/platform/db/service');
  const unique = uniqueSuffix();
  const userId = `usr_${randomUUID().replaceAll('-', '')}`;
  const username = `${label}_${unique}`.slice(0, 30).toLowerCase();
  const email = `${username}@bench.test`;
  await db()
    .entities.user.create({ userId, email, username, ...(options.plan ? { plan: options.plan } : {}) })
    .go();
  await db().entities.uniqueClaim.create({ kind: 'username', value: username, userId }).go();
  await db().entities.uniqueClaim.create({ kind: 'email', value: email, userId }).go();
  if (options.balanceCents) {
    const { topUp } = await import('../../shared/billing/service');
    await topUp({ userId, amountCents: options.balanceCents, ref: 'bench' });
  }
  return { userId, username, email };
}

/** Writes items with BatchWriteItem (ElectroDB batches of 25, `concurrency` in flight). */
export async function batchPut(
  put: (items: readonly Record<string, unknown>[]) => Promise<{ unprocessed: unknown[] }>,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  const { unprocessed } = await put(items);
  if (unprocessed.length > 0) throw new Error(`Seeding left ${unprocessed.length} items unprocessed`);
}

// ---------------------------------------------------------------------------------------------
// The runtime.

export interface BenchRuntime {
  readonly env: Readonly<Record<string, string>>;
  readonly urls: { readonly api: string; readonly ws: string; readonly base: string };
  readonly pids: { readonly runtime: number; readonly dynamodb: number; readonly cognito: number };
  stop(): Promise<void>;
}

/**
 * Starts the local runtime as a child process on free loopback ports with a temporary data
 * directory (the scheduler off, so no background job runs during measurements), points this
 * process's env at its emulators, and removes everything on stop().
 */
export async function startBenchRuntime(): Promise<BenchRuntime> {
  const { spawnRuntime } = await import('../../local/spawn-runtime');
  const dataDir = mkdtempSync(join(benchTmpDir(), 'smsproj-bench-'));
  const runtime = await spawnRuntime({
    dataDir,
    timeoutMs: 180_000,
    // The bench signs many users up from this one address, as the test runs do: the per-IP limit
    // of the public auth routes (20/s, burst 40) would refuse it, so loopback is exempt.
    env: { LOG_LEVEL: 'ERROR', SMSPROJ_SCHEDULER: '0', SMSPROJ_AUTH_IP_EXEMPT: '127.0.0.1,::1' },
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  Object.assign(process.env, runtime.ready.env, { LOG_LEVEL: 'ERROR' });
  // The bench calls services in this process too: they use the local adapters, as the runtime does.
  (await import('../../local/adapters/index')).installLocalAdapters();
  return {
    env: runtime.ready.env,
    urls: runtime.ready.urls,
    pids: {
      runtime: runtime.ready.pid,
      dynamodb: runtime.ready.emulatorPids.dynamodb,
      cognito: runtime.ready.emulatorPids.cognito,
    },
    async stop() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one context's benchmark on its own (`npx tsx bench/<context>.ts`): a runtime of its own,
 * the figures printed and, with a `key`, merged into bench/results.json under it.
 */
export async function runStandalone(key: string | undefined, work: () => Promise<unknown>): Promise<void> {
  const runtime = await startBenchRuntime();
  try {
    const result = await work();
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (key === undefined) return;
    const file = join(__dirname, '..', 'results.json');
    const previous = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
      : {};
    writeFileSync(file, `${JSON.stringify({ ...previous, [key]: result }, null, 2)}\n`);
  } finally {
    await runtime.stop();
  }
}

/** The entry point of a standalone script: errors end the process with a non-zero code. */
export function main(run: () => Promise<void>): void {
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

/**
 * A RAM-backed directory when there is one (/dev/shm): DynamoDB Local keeps its SQLite file in
 * the data directory, and on a virtual disk every BatchWriteItem waits for an fsync (about 90
 * items/s on the reference machine), which would make seeding 100,000 items impossible.
 */
function benchTmpDir(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/**
 * Stops or starts the runtime's outbox stream consumer (its dev endpoint, local/dev/outbox.ts).
 * Seeded items go through the table's stream like any write, and the consumer would work through
 * them (message effects, webhook fan-out) while the bench measures: a section that seeds tens of
 * thousands of items stops it first, so its figures are the operation's and not the backlog's.
 * Started again, the consumer resumes from its checkpoint. The webhooks section uses it too.
 */
export async function setOutbox(action: 'stop' | 'start'): Promise<void> {
  const base = process.env.SMSPROJ_URL;
  if (!base) throw new Error('setOutbox needs the bench runtime (SMSPROJ_URL)');
  const res = await fetch(`${base}/dev/outbox/${action}`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`POST /dev/outbox/${action}: ${res.status} ${await res.text()}`);
  const { running } = (await res.json()) as { running: boolean };
  if (running !== (action === 'start')) throw new Error(`outbox ${action}: running is ${running}`);
}

// ---------------------------------------------------------------------------------------------
// Fast seeding.

/** An entity's `put(item).params()`: the exact item (keys, index keys, identifiers) the data layer writes. */
export type ItemOf = (item: Record<string, unknown>) => Record<string, unknown>;

export interface SeedOptions {
  /** Requests in flight. @default 16 */
  readonly concurrency?: number;
}

/**
 * Seeds items at the emulator's speed rather than the SDK's: every item is built by the data
 * layer (ElectroDB's put params, so keys and GSI attributes are exactly what the services
 * write), then written with BatchWriteItem (25 items per call, unprocessed items retried).
 * Requests go straight to DynamoDB Local's HTTP endpoint (it does not check signatures), which
 * saves the SDK's per-request signing and marshalling: about 3× faster on two busy cores.
 */
export async function seedItems(
  itemOf: ItemOf,
  count: number,
  make: (index: number) => Record<string, unknown>,
  options: SeedOptions = {},
): Promise<void> {
  const http = await import('node:http');
  const endpoint = new URL(process.env.DYNAMODB_ENDPOINT ?? '');
  const table = process.env.TABLE_NAME ?? '';
  if (!endpoint.host || !table) throw new Error('seedItems needs DYNAMODB_ENDPOINT and TABLE_NAME');
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 16 });
  const post = (body: string) =>
    new Promise<{ UnprocessedItems?: Record<string, unknown[]> }>((resolve, reject) => {
      const req = http.request(
        {
          host: endpoint.hostname,
          port: endpoint.port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'DynamoDB_20120810.BatchWriteItem',
            authorization:
              'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(JSON.parse(text) as { UnprocessedItems?: Record<string, unknown[]> })
              : reject(new Error(`BatchWriteItem answered ${res.statusCode}: ${text.slice(0, 300)}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      if (start >= count) return;
      next = Math.min(count, start + 25);
      let requests: unknown[] = [];
      for (let i = start; i < next; i++) {
        const item = itemOf(make(i));
        requests.push({ PutRequest: { Item: (toAttributeValue(item) as { M: unknown }).M } });
      }
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt === 10) throw new Error('BatchWriteItem kept items unprocessed');
        const out = await post(JSON.stringify({ RequestItems: { [table]: requests } }));
        requests = out.UnprocessedItems?.[table] ?? [];
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 16 }, worker));
  } finally {
    agent.destroy();
  }
}

/** The put params' item of an ElectroDB entity, as `seedItems` wants it. */
export function itemOfEntity(entity: { put(item: never): { params(): unknown } }): ItemOf {
  return (item) => (entity.put(item as never).params() as { Item: Record<string, unknown> }).Item;
}
