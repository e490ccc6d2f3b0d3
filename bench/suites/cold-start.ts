/**
 * Cold start (issue 9): every Lambda handler module bundled exactly as CDK bundles it
 * (lib/constructs/app-function.ts → NodejsFunction → `esbuild --bundle entry --target=node22
 * --platform=node --format=esm --minify --sourcemap --sources-content=false --tsconfig=...
 * --banner:js=... --main-fields=module,main`, no externals), its size, and its cold module-init
 * time: the median over fresh Node processes of `await import(bundle)`, with the environment
 * Lambda gives the function (AppFunction's FUNCTION_ENVIRONMENT: no --enable-source-maps). The SDK floor is a
 * bundle of just @aws-sdk/client-dynamodb + @aws-sdk/lib-dynamodb, built and timed the same way
 * in the same rounds, so machine noise hits both alike.
 *
 * Two variants are measured beside CDK's choice, on a few representative functions:
 * - `sdkExternal`: @aws-sdk/* and @smithy/* left to the Lambda runtime's copy (NodejsFunction's
 *   default with the sdkV3ExcludeSmithyPackages flag that cdk.json sets);
 * - `sourceMaps`: the SDK floor and those functions with NODE_OPTIONS=--enable-source-maps, the
 *   setting AppFunction dropped (what it costs at init: Node reads and parses each bundle's map).
 *
 * Runs on its own too: `npx tsx bench/suites/cold-start.ts` (no runtime needed; BENCH_INIT_RUNS as in run.ts).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BuildOptions, Metafile } from 'esbuild';
import { FUNCTION_ENVIRONMENT, lambdaBuildOptions } from '../../lib/constructs/function-environment';
import { median, round } from '../harness/index';

const run = promisify(execFile);

const ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(ROOT, 'node_modules', '.cache', 'smsproj-bench');
const ONE_MB = 1024 * 1024;

/** The options AppFunction gives NodejsFunction, as NodejsFunction hands them to esbuild. */
export const CDK_BUNDLING: BuildOptions = lambdaBuildOptions(ROOT);

/** NodejsFunction's default externals for Node 18+ runtimes with cdk.json's sdkV3ExcludeSmithyPackages. */
const RUNTIME_SDK = ['@aws-sdk/*', '@smithy/*'];

/** The environment a deployed function starts with (AppFunction's defaults plus what Lambda sets). */
const LAMBDA_ENV: Record<string, string> = {
  ...FUNCTION_ENVIRONMENT,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'bench-table',
  USER_POOL_ID: 'us-east-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  BUCKET_NAME: 'bench-bucket',
  WS_MANAGEMENT_ENDPOINT: 'https://bench.execute-api.us-east-1.amazonaws.com/prod',
};

/** Imports one bundle and prints how long the import took (module init, without Node's own start). */
const RUNNER = `const started = performance.now();
const loaded = await import(process.argv[2]);
const initMs = performance.now() - started;
if (process.argv[3] === 'handler' && typeof loaded.handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ initMs }));
`;

const FLOOR = 'sdk-floor';

const FLOOR_ENTRY = `export * from '@aws-sdk/client-dynamodb';
export * from '@aws-sdk/lib-dynamodb';
`;

/** ElectroDB bound to the DynamoDB client with one entity: a probe, and the start of the base probe. */
const ONE_ENTITY = `import { Service } from 'electrodb';
import { dynamo, tableName } from '${ROOT}/shared/platform/db/client';
import { IdempotencyRecord } from '${ROOT}/shared/platform/http/entities/idempotency-record';
export const service = new Service({ idempotencyRecord: IdempotencyRecord }, { client: dynamo(), table: tableName() });
`;

/**
 * The shared-layer probes (issue 17), each the aliased SDK floor plus one layer, built and timed
 * like the functions in the same rounds: ElectroDB imported with no entity; bound to the
 * DynamoDB client with ONE entity; with every entity of the registry (the table's full Service),
 * so that ratio is what the entity count alone costs; and the base every REST function carries
 * before code of its own (ElectroDB with one entity, zod with one schema, the logger, middy).
 */
const PROBES: Record<string, { entities: 'none' | 'one' | 'all'; source: string }> = {
  'electrodb:imported': {
    entities: 'none',
    source: `export * from 'electrodb';
export * from '${ROOT}/shared/platform/db/client';
`,
  },
  'electrodb:one-entity': { entities: 'one', source: ONE_ENTITY },
  'electrodb:all-entities': {
    entities: 'all',
    source: `import { Service } from 'electrodb';
import { dynamo, tableName } from '${ROOT}/shared/platform/db/client';
import { entities } from '${ROOT}/shared/platform/db/service';
export const service = new Service(entities, { client: dynamo(), table: tableName() });
`,
  },
  'platform:base': {
    entities: 'one',
    source: `${ONE_ENTITY}import * as z from '${ROOT}/shared/platform/zod';
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
export const body = z.object({
  name: z.string().check(z.minLength(1)),
  count: z.optional(z.number().check(z.int())),
  kind: z.enum(['a', 'b']),
});
export const logger = new Logger();
export const chain = middy;
`,
  },
};

export interface FunctionFigure {
  readonly name: string;
  /** index.mjs as deployed (CDK's bundling: AWS SDK bundled). */
  readonly bytes: number;
  readonly initMs: number;
  readonly initRuns: number[];
  /** The source map shipped next to it (not loaded unless an error is mapped... or --enable-source-maps). */
  readonly mapBytes: number;
  /** Same function with the SDK left to the runtime. */
  readonly sdkExternalBytes: number;
  /** Where the function comes from: the route table, WebSocket routes, jobs, SMS or metering. */
  readonly source: string;
}

export interface VariantFigure {
  readonly name: string;
  readonly bundledInitMs: number;
  /** The same bundle with NODE_OPTIONS=--enable-source-maps (Node then reads and parses the map). */
  readonly bundledSourceMapsInitMs: number;
  readonly sdkExternalInitMs: number;
}

/** One data-layer probe (see PROBES). */
export interface ProbeFigure {
  readonly name: string;
  readonly bytes: number;
  readonly initMs: number;
  /** Entities in the probe's Service. */
  readonly entities: number;
}

export interface ColdStartResult {
  readonly functions: FunctionFigure[];
  /** ElectroDB with one entity vs the full Service of all entities, and their init ratio. */
  readonly electrodb: { readonly probes: ProbeFigure[]; readonly allOverOneInit: number };
  readonly sdkFloorInitMs: number;
  readonly sdkFloorBytes: number;
  readonly sdkFloorExternalInitMs: number;
  readonly sdkFloorSourceMapsInitMs: number;
  /** The floor built with the functions' BUNDLE_ALIASES (credentials from the environment only). */
  readonly sdkFloorAliased: { readonly bytes: number; readonly initMs: number };
  readonly variants: VariantFigure[];
  readonly bundlesOver1MB: string[];
  readonly initOver1_5xFloor: string[];
  /** What the largest bundle is made of (esbuild metafile), biggest first. */
  readonly largestBundleInputs: { readonly bundle: string; readonly packages: Array<[string, number]> };
  readonly method: {
    readonly runsPerFunction: number;
    readonly concurrency: number;
    readonly node: string;
    readonly esbuild: string;
    readonly cdkChoice: string;
    readonly buildMs: number;
    readonly measureMs: number;
  };
}

/** Every handler module CDK creates a function for, with where it comes from. */
export async function lambdaModules(): Promise<Map<string, string>> {
  const { handlerModules } = await import('../../shared/routes');
  const { wsRoutes, WS_AUTHORIZER_HANDLER, REST_AUTHORIZER_HANDLER } = await import(
    '../../shared/realtime/ws-routes'
  );
  const { jobs } = await import('../../shared/platform/jobs/registry');
  const { SMS_SEND_WORKER_HANDLER, SMS_INBOUND_HANDLER } = await import('../../lib/constructs/sms-messaging');
  const { ACCESS_LOG_METERING_HANDLER } = await import('../../lib/constructs/usage-metering');
  const modules = new Map<string, string>();
  for (const name of handlerModules().keys()) modules.set(name, 'rest');
  modules.set(REST_AUTHORIZER_HANDLER, 'authorizer');
  modules.set(WS_AUTHORIZER_HANDLER, 'authorizer');
  for (const route of wsRoutes) modules.set(route.handler, 'websocket');
  for (const job of jobs) modules.set(job.handler, 'job');
  modules.set(SMS_SEND_WORKER_HANDLER, 'sms');
  modules.set(SMS_INBOUND_HANDLER, 'sms');
  modules.set(ACCESS_LOG_METERING_HANDLER, 'metering');
  return new Map([...modules].sort(([a], [b]) => a.localeCompare(b)));
}

interface Built {
  readonly file: string;
  readonly bytes: number;
  readonly mapBytes: number;
  readonly metafile: Metafile;
}

/**
 * Bundles every entry (name → source file) in ONE esbuild run: without code splitting each
 * entry still gets a self-contained output, byte for byte what a build of that entry alone (as
 * NodejsFunction runs it, one per function) produces, but shared modules are parsed once.
 */
async function buildAll(
  entries: ReadonlyMap<string, string>,
  outDir: string,
  external: string[],
  overrides: BuildOptions = {},
): Promise<Map<string, Built>> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    ...CDK_BUNDLING,
    ...overrides,
    entryPoints: Object.fromEntries([...entries].map(([name, entry]) => [`${name}/index`, entry])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    external,
    metafile: true,
  });
  const built = new Map<string, Built>();
  for (const name of entries.keys()) {
    const file = join(outDir, name, 'index.mjs');
    const own = Object.fromEntries(
      Object.entries(result.metafile.outputs).filter(([out]) => resolve(ROOT, out) === file),
    );
    built.set(name, {
      file,
      bytes: statSync(file).size,
      mapBytes: statSync(`${file}.map`).size,
      metafile: { inputs: {}, outputs: own },
    });
  }
  return built;
}

/** Bytes per npm package (or per top-level source folder) in one output. */
function packagesOf(metafile: Metafile): Array<[string, number]> {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = match?.[1] ?? path.split('/').slice(0, 2).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + input.bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12);
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface InitTask {
  readonly key: string;
  readonly file: string;
  readonly kind: 'handler' | 'floor';
  readonly env: Record<string, string>;
  readonly runs: number[];
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The functions also measured as variants: the authorizer (every request), a hot path, a tiny one, the biggest. */
const VARIANT_FUNCTIONS = ['auth/authorizer', 'conversations/send-message', 'accounts/list-plans'];

export async function runColdStartBenchmarks(
  options: {
    runs?: number;
    concurrency?: number;
    /** Awaited between building and timing (the runtime starting meanwhile must not add noise). */
    beforeMeasuring?: Promise<unknown>;
  } = {},
): Promise<ColdStartResult> {
  const runs = options.runs ?? 5;
  const concurrency = options.concurrency ?? 2;
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const runner = join(OUT_DIR, 'runner.mjs');
  writeFileSync(runner, RUNNER);
  const floorEntry = join(OUT_DIR, 'floor-entry.mjs');
  writeFileSync(floorEntry, FLOOR_ENTRY);

  const buildStarted = performance.now();
  const modules = await lambdaModules();
  const entries = new Map([...modules.keys()].map((name) => [name, join(ROOT, 'functions', `${name}.ts`)]));
  for (const [name, { source }] of Object.entries(PROBES)) {
    const file = join(OUT_DIR, `${name.replace(':', '-')}.ts`);
    writeFileSync(file, source);
    entries.set(name, file);
  }
  const bundledAll = await buildAll(entries, join(OUT_DIR, 'bundled'), []);
  const externalAll = await buildAll(entries, join(OUT_DIR, 'sdk-external'), RUNTIME_SDK);
  // The floor is the bare SDK as anyone bundles it: none of the functions' aliases. Beside it, the
  // same floor with them (credentials from the environment only), to show what that alias is worth.
  const floorEntries = new Map([[FLOOR, floorEntry]]);
  const floor = (await buildAll(floorEntries, join(OUT_DIR, 'floor'), [], { alias: {} })).get(FLOOR)!;
  const floorAliased = (await buildAll(floorEntries, join(OUT_DIR, 'floor-aliased'), [])).get(FLOOR)!;
  const floorExternal = (
    await buildAll(floorEntries, join(OUT_DIR, 'floor-external'), RUNTIME_SDK, { alias: {} })
  ).get(FLOOR)!;
  const notFunction = (name: string) => name in PROBES;
  const bundled = new Map([...bundledAll].filter(([name]) => !notFunction(name)));
  const external = new Map([...externalAll].filter(([name]) => !notFunction(name)));
  const buildMs = performance.now() - buildStarted;

  await options.beforeMeasuring;
  const withMaps = { ...LAMBDA_ENV, NODE_OPTIONS: '--enable-source-maps' };
  const task = (key: string, file: string, kind: InitTask['kind'], env = LAMBDA_ENV): InitTask => ({
    key,
    file,
    kind,
    env,
    runs: [],
  });
  const tasks: InitTask[] = [
    task('floor', floor.file, 'floor'),
    task('floor:external', floorExternal.file, 'floor'),
    task('floor:maps', floor.file, 'floor', withMaps),
    task('floor:aliased', floorAliased.file, 'floor'),
    ...Object.keys(PROBES).map((name) => task(name, bundledAll.get(name)!.file, 'floor')),
    ...[...bundled].map(([name, b]) => task(name, b.file, 'handler')),
    ...VARIANT_FUNCTIONS.filter((name) => modules.has(name)).flatMap((name) => [
      task(`${name}:external`, external.get(name)!.file, 'handler'),
      task(`${name}:maps`, bundled.get(name)!.file, 'handler', withMaps),
    ]),
  ];
  const measureStarted = performance.now();
  // Rounds of every task in a new random order: noise from other processes spreads evenly.
  for (let r = 0; r < runs; r++) {
    await pool(shuffled(tasks), concurrency, async (t) => {
      const { stdout } = await run(process.execPath, [runner, t.file, t.kind], {
        env: { PATH: process.env.PATH ?? '', ...t.env },
        cwd: OUT_DIR,
        timeout: 60_000,
      });
      t.runs.push((JSON.parse(stdout) as { initMs: number }).initMs);
    });
  }
  const measureMs = performance.now() - measureStarted;
  // About 400 MB of bundles and maps: kept only on request (BENCH_KEEP_BUNDLES=1, to inspect them).
  if (process.env.BENCH_KEEP_BUNDLES !== '1') rmSync(OUT_DIR, { recursive: true, force: true });
  const initOf = (key: string) => round(median(tasks.find((t) => t.key === key)?.runs ?? []), 1);
  const runsOf = (key: string) => (tasks.find((t) => t.key === key)?.runs ?? []).map((v) => round(v, 1));

  const sdkFloorInitMs = initOf('floor');
  const functions: FunctionFigure[] = [...modules].map(([name, source]) => ({
    name,
    source,
    bytes: bundled.get(name)!.bytes,
    mapBytes: bundled.get(name)!.mapBytes,
    sdkExternalBytes: external.get(name)!.bytes,
    initMs: initOf(name),
    initRuns: runsOf(name),
  }));
  const { entities } = await import('../../shared/platform/db/service');
  const entityCount = { none: 0, one: 1, all: Object.keys(entities).length };
  const probes: ProbeFigure[] = Object.entries(PROBES).map(([name, probe]) => ({
    name,
    bytes: bundledAll.get(name)!.bytes,
    initMs: initOf(name),
    entities: entityCount[probe.entities],
  }));
  const probeInit = (name: string) => probes.find((p) => p.name === name)!.initMs;
  const largest = [...bundled].sort((a, b) => b[1].bytes - a[1].bytes)[0]!;
  const { version } = await import('esbuild');
  return {
    functions,
    sdkFloorInitMs,
    electrodb: {
      probes,
      allOverOneInit: round(probeInit('electrodb:all-entities') / probeInit('electrodb:one-entity'), 2),
    },
    sdkFloorBytes: floor.bytes,
    sdkFloorExternalInitMs: initOf('floor:external'),
    sdkFloorSourceMapsInitMs: initOf('floor:maps'),
    sdkFloorAliased: { bytes: floorAliased.bytes, initMs: initOf('floor:aliased') },
    variants: VARIANT_FUNCTIONS.filter((name) => modules.has(name)).map((name) => ({
      name,
      bundledInitMs: initOf(name),
      bundledSourceMapsInitMs: initOf(`${name}:maps`),
      sdkExternalInitMs: initOf(`${name}:external`),
    })),
    bundlesOver1MB: functions.filter((f) => f.bytes > ONE_MB).map((f) => f.name),
    initOver1_5xFloor: functions.filter((f) => f.initMs > 1.5 * sdkFloorInitMs).map((f) => f.name),
    largestBundleInputs: { bundle: largest[0], packages: packagesOf(largest[1].metafile) },
    method: {
      runsPerFunction: runs,
      concurrency,
      node: process.version,
      esbuild: version,
      cdkChoice:
        'bundled (lib/constructs/app-function.ts sets externalModules: [] — the AWS SDK is bundled, not taken from the runtime)',
      buildMs: Math.round(buildMs),
      measureMs: Math.round(measureMs),
    },
  };
}

if (require.main === module) {
  runColdStartBenchmarks({ runs: Number(process.env.BENCH_INIT_RUNS) || undefined }).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
