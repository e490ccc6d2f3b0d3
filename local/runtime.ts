import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from './bootstrap/table';
import { ensureUserPool } from './bootstrap/user-pool';
import {
  type EmulatorName,
  type Emulators,
  pickEmulatorPorts,
  rememberPorts,
  startEmulators,
} from './emulators/index';
import { AUTH_IP_RATE_LIMIT } from '../shared/auth/ip-limit';
import { createGatewayApp } from './gateway/app';
import type { AuthIpLimit } from './gateway/rest';
import { type GatewayServer, listenGateway } from './gateway/server';
import type { WsLimits } from './gateway/websocket';
import { forgetEmulators, lockDataDir, recordEmulators } from './data-dir-lock';
import { createHealthCheck } from './health';
import { runJob } from './jobs';
import { createInvoker } from './lambda/invoke';
import { createLocalLogger } from './log';
import { WEB_DIST_DIR } from './paths';
import { type Scheduler, startScheduler } from './scheduler';
import { localSettings } from './settings';

export const TABLE_NAME = 'smsproj-local';
export const BUCKET_NAME = 'smsproj-local';
/** Dummy credentials: the emulators accept them, and real AWS never sees a local request. */
const LOCAL_ACCESS_KEY = 'local';

export interface RuntimeOptions {
  /** Gateway port; 0 picks a free one and every emulator gets a free one too. @default SMSPROJ_PORT or 3000 */
  readonly port?: number;
  /** @default SMSPROJ_DATA_DIR or <repo>/.local-data */
  readonly dataDir?: string;
  /** No access log. */
  readonly quiet?: boolean;
  /** Fixed emulator ports. @default SMSPROJ_{DYNAMODB,COGNITO,S3}_PORT, else 8000/9229/4568 when free */
  readonly emulatorPorts?: Partial<Record<EmulatorName, number>>;
  /** Run scheduled jobs in the background. @default SMSPROJ_SCHEDULER or true */
  readonly scheduler?: boolean;
  readonly wsLimits?: Partial<WsLimits>;
  /** Per-client-IP limit of the public auth routes. @default SMSPROJ_AUTH_IP_LIMIT (20/40) and SMSPROJ_AUTH_IP_EXEMPT */
  readonly authIpLimit?: AuthIpLimit;
}

export interface RuntimeUrls {
  readonly base: string;
  readonly api: string;
  readonly ws: string;
  readonly openapi: string;
  readonly mailbox: string;
  readonly health: string;
}

export interface RunningRuntime {
  readonly urls: RuntimeUrls;
  /** What was put into process.env: everything a process needs to use the same emulators. */
  readonly env: Readonly<Record<string, string>>;
  readonly dataDir: string;
  /** Emulator child processes (teardown safety net: kill them if we die without stop()). */
  readonly pids: { readonly dynamodb: number; readonly cognito: number };
  stop(): Promise<void>;
}

/**
 * Starts the whole local platform: the gateway port first, then DynamoDB Local, cognito-local
 * and s3rver, then the idempotent bootstrap (user pool, table, bucket, seeders). `process.env`
 * is pointed at the emulators BEFORE any platform module that reads configuration is imported,
 * hence the dynamic imports. Anything that fails on the way stops what was already started.
 */
export async function startRuntime(options: RuntimeOptions = {}): Promise<RunningRuntime> {
  const settings = localSettings();
  const dataDir = options.dataDir ?? settings.dataDir;
  const port = options.port ?? settings.SMSPROJ_PORT;
  // Node 20 is supported by this repository; the SDK's advance notice is noise in a dev console.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const unlock = lockDataDir(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });

  let gateway: GatewayServer;
  try {
    gateway = await listenGateway(port);
  } catch (error) {
    unlock();
    throw error;
  }
  const parts: Parts = { gateway, emulators: [] };
  try {
    const emulatorPorts = await pickEmulatorPorts(dataDir, port === 0, {
      dynamodb: options.emulatorPorts?.dynamodb ?? settings.SMSPROJ_DYNAMODB_PORT,
      cognito: options.emulatorPorts?.cognito ?? settings.SMSPROJ_COGNITO_PORT,
      s3: options.emulatorPorts?.s3 ?? settings.SMSPROJ_S3_PORT,
    });
    const emulators = await startEmulators(
      { dataDir, bucket: BUCKET_NAME, accessKeyId: LOCAL_ACCESS_KEY, secretAccessKey: LOCAL_ACCESS_KEY },
      emulatorPorts,
      parts.emulators,
    );
    recordEmulators(dataDir, { dynamodb: emulators.dynamodb.pid, cognito: emulators.cognito.pid });
    if (port !== 0) rememberPorts(dataDir, emulators);

    const poolIds = await ensureUserPool(
      new CognitoIdentityProviderClient({
        region: 'us-east-1',
        endpoint: emulators.cognito.endpoint,
        credentials: localCredentials,
      }),
      join(dataDir, 'cognito', 'smsproj-ids.json'),
    );
    const env = runtimeEnv(dataDir, gateway.port, emulators, poolIds);
    applyEnv(env);
    // From here on, platform modules may read configuration: they are imported below, not above.
    // The local adapters first: the table's client takes DynamoDB Local's dialect when it is made.
    (await import('./adapters/index')).installLocalAdapters();
    const streamArn = await bootstrapData(dataDir, emulators.dynamodb.endpoint);
    const { invoke, jobs } = await mountGateway(gateway, emulators, {
      ...options,
      quiet: options.quiet ?? settings.SMSPROJ_QUIET,
      authIpLimit: options.authIpLimit ?? {
        limit: settings.SMSPROJ_AUTH_IP_LIMIT ?? AUTH_IP_RATE_LIMIT,
        exemptIps: settings.SMSPROJ_AUTH_IP_EXEMPT ?? [],
      },
    });
    // The transactional outbox: the table's stream feeds the same consumer as in AWS.
    const outbox = await import('./outbox/index');
    outbox.startLocalOutbox({
      streamArn,
      endpoint: emulators.dynamodb.endpoint,
      dataDir,
      invoke,
      credentials: localCredentials,
    });
    parts.outbox = outbox.stopLocalOutbox;
    if (options.scheduler ?? settings.SMSPROJ_SCHEDULER) {
      parts.scheduler = startScheduler({
        jobs,
        run: (job) => runJob(job, invoke),
        log: createLocalLogger('local-scheduler'),
      });
    }

    let stopping: Promise<void> | undefined;
    return {
      urls: urlsFor(gateway.port),
      env,
      dataDir,
      pids: { dynamodb: emulators.dynamodb.pid, cognito: emulators.cognito.pid },
      stop: () => {
        stopping ??= stopParts(parts, dataDir, unlock);
        return stopping;
      },
    };
  } catch (error) {
    await stopParts(parts, dataDir, unlock);
    throw error;
  }
}

interface Parts {
  readonly gateway: GatewayServer;
  readonly emulators: Array<{ stop(): Promise<void> }>;
  scheduler?: Scheduler;
  outbox?: () => Promise<void>;
}

/**
 * Dependants first: no job starts and no request arrives while the emulators go away, and
 * $disconnect handlers of closing WebSockets still reach DynamoDB.
 */
async function stopParts(parts: Parts, dataDir: string, unlock: () => void): Promise<void> {
  await parts.scheduler?.stop().catch(() => undefined);
  await parts.outbox?.().catch(() => undefined);
  await parts.gateway.close().catch(() => undefined);
  await Promise.allSettled(parts.emulators.map((emulator) => emulator.stop()));
  forgetEmulators(dataDir);
  unlock();
}

/** Everything a process needs to use this runtime's emulators, as platform configuration reads it. */
function runtimeEnv(
  dataDir: string,
  port: number,
  { dynamodb, cognito, s3 }: Emulators,
  poolIds: { userPoolId: string; userPoolClientId: string },
): Record<string, string> {
  const base = `http://localhost:${port}`;
  return {
    SMSPROJ_RUNTIME: 'local',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LOCAL_DATA_DIR: dataDir,
    TABLE_NAME,
    DYNAMODB_ENDPOINT: dynamodb.endpoint,
    USER_POOL_ID: poolIds.userPoolId,
    USER_POOL_CLIENT_ID: poolIds.userPoolClientId,
    COGNITO_ENDPOINT: cognito.endpoint,
    JWT_ISSUER: cognito.issuer(poolIds.userPoolId),
    JWKS_URI: cognito.jwksUri(poolIds.userPoolId),
    BUCKET_NAME,
    S3_ENDPOINT: s3.endpoint,
    S3_PUBLIC_ENDPOINT: s3.publicEndpoint,
    WS_MANAGEMENT_ENDPOINT: base,
    PUBLIC_BASE_URL: base,
    SMSPROJ_URL: base,
    SMSPROJ_WS_URL: `ws://localhost:${port}/ws`,
  };
}

/** The table (from the entities, as CDK derives it) and the seeders; both idempotent. Returns the stream ARN. */
async function bootstrapData(dataDir: string, dynamodbEndpoint: string): Promise<string> {
  const { resetConfig } = await import('../shared/platform/config');
  resetConfig();
  const { tableDefinition } = await import('../shared/platform/db/table-definition');
  const table = await ensureTable(
    new DynamoDBClient({ region: 'us-east-1', endpoint: dynamodbEndpoint, credentials: localCredentials }),
    TABLE_NAME,
    tableDefinition(),
  );
  if (table.addedIndexes.length > 0) {
    createLocalLogger('local-runtime').info('added indexes', { indexes: table.addedIndexes });
  }
  const { runSeeders } = await import('./seeders');
  await runSeeders({ dataDir, now: new Date() });
  if (!table.streamArn) throw new Error('DynamoDB Local did not report the table stream');
  return table.streamArn;
}

/** Loads the route, WebSocket and job tables and the authorizer, and lets the gateway serve them. */
async function mountGateway(
  gateway: GatewayServer,
  { dynamodb, cognito, s3 }: Emulators,
  options: RuntimeOptions & { quiet: boolean },
) {
  const [{ routes }, { authorize }, { wsRoutes }, { jobs }, { devEndpoints }, { buildOpenApiDocument }] =
    await Promise.all([
      import('../shared/routes'),
      import('../shared/auth/authorizer'),
      import('../shared/realtime/ws-routes'),
      import('../shared/platform/jobs/registry'),
      import('./dev/index'),
      import('../shared/platform/openapi'),
    ]);
  const invoke = createInvoker();
  // Over the local adapters (installed at start), the carrier simulator: outbox + receipt events
  // through the deployed receipts handler.
  const [{ carrier }, { createCarrierSimulator }] = await Promise.all([
    import('../shared/sms/carrier'),
    import('./adapters/carrier-simulator'),
  ]);
  carrier.install(createCarrierSimulator(invoke));
  gateway.setApp(
    createGatewayApp({
      routes,
      wsRoutes,
      jobs,
      devEndpoints,
      authorize,
      invoke,
      health: createHealthCheck({
        dynamodbEndpoint: dynamodb.endpoint,
        tableName: TABLE_NAME,
        cognitoEndpoint: cognito.endpoint,
        s3Endpoint: s3.endpoint,
        bucket: BUCKET_NAME,
      }),
      openApi: () => buildOpenApiDocument(routes, { serverUrl: `http://localhost:${gateway.port}` }),
      log: createLocalLogger('local-gateway'),
      webRoot: WEB_DIST_DIR,
      accessLog: !options.quiet,
      ...(options.wsLimits ? { wsLimits: options.wsLimits } : {}),
      ...(options.authIpLimit ? { authIpLimit: options.authIpLimit } : {}),
    }),
  );
  return { invoke, jobs };
}

const localCredentials = { accessKeyId: LOCAL_ACCESS_KEY, secretAccessKey: LOCAL_ACCESS_KEY };

export function urlsFor(port: number): RuntimeUrls {
  const base = `http://localhost:${port}`;
  return {
    base,
    api: `${base}/v1`,
    ws: `ws://localhost:${port}/ws`,
    openapi: `${base}/openapi.json`,
    mailbox: `${base}/dev/mailbox`,
    health: `${base}/health`,
  };
}

/** Points this process at the emulators; real AWS profile settings must not leak into local calls. */
function applyEnv(env: Readonly<Record<string, string>>): void {
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, env);
}
