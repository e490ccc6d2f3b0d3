/**
 * `npm run bench`: the whole performance and cost benchmark (issue 9), bounded to about nine
 * minutes on two cores, loopback only. It starts its own local runtime (free ports, a temporary
 * data directory, the scheduler off), measures, stops it, and writes bench/results.json and
 * bench/RESULTS.md.
 *
 * Order: the Lambda bundles are built while the runtime starts; cold-start timing runs once the
 * runtime is idle; then capacity per operation, the context figures, real time, metering; the
 * scaling section goes last because its large size adapts to the time left.
 *
 * Environment: BENCH_LARGE (default 100000) stored items for the scaling section,
 * BENCH_BUDGET_SECONDS (default 540) the time budget the scaling section plans against,
 * BENCH_SAMPLES (default 20) samples per operation, BENCH_INIT_RUNS (default 5) fresh Node
 * processes per function, BENCH_KEEP_BUNDLES=1 keeps the bundles in node_modules/.cache/smsproj-bench,
 * BENCH_TRACE=1 prints every DynamoDB call.
 *
 * Sections on their own: `npm run bench -- webhooks operations` (or BENCH_ONLY=webhooks,operations)
 * runs only the named sections (cold-start, operations, numbers, verifications, conversations,
 * metering, fanout, throughput, reads, rate-limit, scaling, webhooks; the cost model when both
 * operations and metering run) against a runtime of its own and prints their figures as JSON.
 * RESULTS.md and results.json are only written by a full run: the report is one run's figures.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runColdStartBenchmarks } from './suites/cold-start';
import { dataLayerBenchmarks, fanoutBenchmark } from './suites/conversations';
import { costModel } from './suites/cost';
import { type BenchRuntime, main, round, sharedMeter, startBenchRuntime } from './harness/index';
import { runMeteringBenchmarks } from './suites/metering';
import { runNumberBenchmarks } from './suites/numbers';
import { runOperationBenchmarks } from './suites/operations';
import { rateLimitBenchmark, readThroughputBenchmark, throughputBenchmark } from './suites/realtime';
import { renderResults } from './harness/report';
import { runScalingBenchmarks } from './suites/scaling';
import { runVerificationBenchmarks } from './suites/verifications';
import { runWebhookBenchmarks } from './suites/webhooks';

const SECTIONS = [
  'cold-start',
  'operations',
  'numbers',
  'verifications',
  'conversations',
  'metering',
  'fanout',
  'throughput',
  'reads',
  'rate-limit',
  'scaling',
  'webhooks',
] as const;
type Section = (typeof SECTIONS)[number];

/** The sections asked for on the command line or in BENCH_ONLY; undefined for the full run. */
function selection(): ReadonlySet<Section> | undefined {
  const asked = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ?? '').split(',')]
    .map((s) => s.trim())
    .filter(Boolean);
  if (asked.length === 0) return undefined;
  const unknown = asked.filter((s) => !SECTIONS.includes(s as Section));
  if (unknown.length > 0)
    throw new Error(`Unknown bench section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  return new Set(asked as Section[]);
}

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

async function run(): Promise<void> {
  const startedAt = new Date();
  const started = Date.now();
  const budgetSeconds = number('BENCH_BUDGET_SECONDS', 540);
  const load = { start: loadavg().map((l) => round(l)) };
  const only = selection();
  const timings: Record<string, number> = {};
  const step = async <T>(section: Section, name: string, work: () => Promise<T>): Promise<T> => {
    if (only && !only.has(section)) return undefined as T;
    const t = Date.now();
    process.stderr.write(`[bench] ${name}...\n`);
    const result = await work();
    timings[name] = round((Date.now() - t) / 1000, 1);
    process.stderr.write(`[bench] ${name}: ${timings[name]} s\n`);
    return result;
  };

  const starting = startBenchRuntime();
  starting.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
  let runtime: BenchRuntime | undefined;
  let stopped = false;
  try {
    const coldStart = await step('cold-start', 'cold start', () =>
      runColdStartBenchmarks({ runs: number('BENCH_INIT_RUNS', 5), beforeMeasuring: starting }),
    );
    runtime = await starting;
    const meter = await sharedMeter();
    const operations = await step('operations', 'operations', () =>
      runOperationBenchmarks(meter, { samples: number('BENCH_SAMPLES', 20) }),
    );
    const numbers = await step('numbers', 'numbers (context figures)', runNumberBenchmarks);
    const verifications = await step(
      'verifications',
      'verifications (context figures)',
      runVerificationBenchmarks,
    );
    const conversations = await step('conversations', 'conversations (context figures)', () =>
      dataLayerBenchmarks([]),
    );
    const metering = await step('metering', 'usage metering', () => runMeteringBenchmarks(meter));
    const fanout = await step('fanout', 'WebSocket fan-out', () => fanoutBenchmark(50, 20));
    const throughput = await step('throughput', 'throughput', () => throughputBenchmark(20, 10));
    const readThroughput = await step('reads', 'read throughput', () => readThroughputBenchmark(20, 5));
    const rateLimit = await step('rate-limit', 'rate limiter', () => rateLimitBenchmark(3));
    const webhooks = await step('webhooks', 'webhooks', () => runWebhookBenchmarks(meter));
    const scaling = await step('scaling', 'scaling', () =>
      runScalingBenchmarks(meter, {
        large: number('BENCH_LARGE', 100_000),
        // Leave time for the measurements at the large size, the report and the runtime's stop.
        deadline: started + (budgetSeconds - 45) * 1000,
      }),
    );
    const { pricingTable } = await import('../shared/sms/pricing');
    const cost =
      operations && metering ? costModel(operations.operations, metering, pricingTable()) : undefined;
    const stopping = Date.now();
    await runtime.stop();
    timings['stop runtime'] = round((Date.now() - stopping) / 1000, 1);
    stopped = true;

    if (only) {
      const partial = { coldStart, operations, numbers, verifications, conversations, metering, fanout };
      const rest = { throughput, readThroughput, rateLimit, webhooks, scaling, cost, steps: timings };
      process.stdout.write(`${JSON.stringify({ ...partial, ...rest }, null, 2)}\n`);
      process.stderr.write(
        '[bench] partial run: bench/RESULTS.md and bench/results.json left as they were\n',
      );
      return;
    }
    if (!cost) throw new Error('unreachable: a full run measures operations and metering');

    const wallSeconds = round((Date.now() - started) / 1000, 1);
    const results = {
      functions: coldStart.functions.map((f) => ({
        name: f.name,
        bytes: f.bytes,
        initMs: f.initMs,
        sdkExternalBytes: f.sdkExternalBytes,
        mapBytes: f.mapBytes,
        source: f.source,
        initRuns: f.initRuns,
      })),
      sdkFloorInitMs: coldStart.sdkFloorInitMs,
      operations: operations.operations.map((o) => ({
        name: o.name,
        ddbCalls: o.ddbCalls,
        rcu: o.rcu,
        wcu: o.wcu,
        p50Ms: o.p50Ms,
        p95Ms: o.p95Ms,
        samples: o.samples,
        byOperation: o.byOperation,
        minimum: o.minimum,
        overMinimum: o.overMinimum,
        ...(o.gap ? { gap: o.gap } : {}),
      })),
      scaling: scaling.rows,
      fanout: {
        clients: fanout.clients,
        p50Ms: fanout.p50Ms,
        p99Ms: fanout.p99Ms,
        messages: fanout.messages,
      },
      throughput: {
        messagesPerSecond: throughput.messagesPerSecond,
        senders: throughput.senders,
        seconds: throughput.seconds,
        p50Ms: throughput.p50Ms,
        p99Ms: throughput.p99Ms,
        statuses: throughput.statuses,
        readsPerSecond: readThroughput.messagesPerSecond,
      },
      costPerMillion: cost.costPerMillion,
      // Sections beyond the minimum shape.
      coldStart: {
        sdkFloorBytes: coldStart.sdkFloorBytes,
        sdkFloorExternalInitMs: coldStart.sdkFloorExternalInitMs,
        sdkFloorSourceMapsInitMs: coldStart.sdkFloorSourceMapsInitMs,
        sdkFloorAliased: coldStart.sdkFloorAliased,
        electrodb: coldStart.electrodb,
        variants: coldStart.variants,
        bundlesOver1MB: coldStart.bundlesOver1MB,
        initOver1_5xFloor: coldStart.initOver1_5xFloor,
        largestBundleInputs: coldStart.largestBundleInputs,
        method: coldStart.method,
      },
      relatedOperations: operations.related,
      operationNotes: operations.notes,
      scalingRun: {
        smallSize: scaling.smallSize,
        largeSize: scaling.largeSize,
        largeSizeWanted: scaling.largeSizeWanted,
        seeding: scaling.seeding,
        notes: scaling.notes,
      },
      rateLimit,
      readThroughput,
      fanoutDetail: fanout,
      throughputDetail: throughput,
      metering,
      cost: {
        breakdown: cost.breakdown,
        smsCarrier: cost.smsCarrier,
        prices: cost.prices,
        lambdaMemoryMb: cost.lambdaMemoryMb,
        excluded: cost.excluded,
      },
      conversations: {
        ...conversations,
        fanout,
        scaling: scaling.rows.filter((r) => r.name === 'history page' || r.name === 'search'),
      },
      numbers,
      verifications,
      webhooks,
      run: {
        startedAt: startedAt.toISOString(),
        wallSeconds,
        budgetSeconds,
        steps: timings,
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        cpus: (await import('node:os')).cpus().length,
        loadAverage: { ...load, end: loadavg().map((l) => round(l)) },
      },
    };
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(__dirname, 'RESULTS.md'), renderResults(results));
    process.stderr.write(`[bench] done in ${wallSeconds} s: bench/results.json, bench/RESULTS.md\n`);
  } finally {
    if (!stopped) await starting.then((r) => r.stop()).catch(() => undefined);
  }
}

main(run);
