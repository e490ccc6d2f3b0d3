import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { findFreePort, isPortFree, LOOPBACK, preferredOrFreePort } from '../ports';
import { type CognitoEmulator, startCognito } from './cognito';
import { type DynamoDbEmulator, startDynamoDb } from './dynamodb';
import { type S3Emulator, startS3 } from './s3';

/** Preferred emulator ports for `npm start` on a fresh data directory. */
const DEFAULT_EMULATOR_PORTS = { dynamodb: 8000, cognito: 9229, s3: 4568 } as const;

export type EmulatorName = keyof typeof DEFAULT_EMULATOR_PORTS;
type EmulatorPorts = Record<EmulatorName, number | undefined>;
type PortChoice = { readonly port: number; readonly fixed: boolean };
export type EmulatorPortChoices = Record<EmulatorName, PortChoice>;

export interface Emulators {
  readonly dynamodb: DynamoDbEmulator;
  readonly cognito: CognitoEmulator;
  readonly s3: S3Emulator;
}

export interface EmulatorSetup {
  /** The runtime's data directory; each emulator gets a subdirectory and a log in logs/. */
  readonly dataDir: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const rememberedPorts = z.object({ dynamodb: z.number(), cognito: z.number(), s3: z.number() }).partial();
const portsFile = (dataDir: string) => join(dataDir, 'ports.json');

/**
 * Configured ports are used as given. Tests (gateway port 0) take free ports so that parallel
 * runs never collide. `npm start` prefers the ports this data directory used last time, then
 * the usual defaults, then any free port: a stable cognito-local port keeps its token issuer,
 * and so the tokens it issued, valid across restarts.
 */
export async function pickEmulatorPorts(
  dataDir: string,
  ephemeral: boolean,
  configured: EmulatorPorts,
): Promise<EmulatorPortChoices> {
  let remembered: z.infer<typeof rememberedPorts> = {};
  try {
    remembered = rememberedPorts.parse(JSON.parse(readFileSync(portsFile(dataDir), 'utf8')));
  } catch {
    // First start, or an unreadable file: fall back to the defaults.
  }
  const pick = async (name: EmulatorName): Promise<PortChoice> => {
    const fixed = configured[name];
    if (fixed !== undefined) return { port: fixed, fixed: true };
    if (ephemeral) return { port: await findFreePort(), fixed: false };
    const previous = remembered[name];
    if (previous !== undefined && (await isPortFree(previous))) return { port: previous, fixed: false };
    return { port: await preferredOrFreePort(DEFAULT_EMULATOR_PORTS[name]), fixed: false };
  };
  return { dynamodb: await pick('dynamodb'), cognito: await pick('cognito'), s3: await pick('s3') };
}

/** Remembered for the next start of this data directory (see pickEmulatorPorts). */
export function rememberPorts(dataDir: string, { dynamodb, cognito, s3 }: Emulators): void {
  const used = { dynamodb: dynamodb.port, cognito: cognito.port, s3: s3.port };
  writeFileSync(portsFile(dataDir), `${JSON.stringify(used, null, 2)}\n`, 'utf8');
}

/**
 * Starts the three emulators in parallel. Each one that started is pushed to
 * `startedEmulators` at once, so the caller can stop them even when another one failed.
 */
export async function startEmulators(
  setup: EmulatorSetup,
  ports: EmulatorPortChoices,
  startedEmulators: Array<{ stop(): Promise<void> }>,
): Promise<Emulators> {
  const { dataDir } = setup;
  const logs = join(dataDir, 'logs');
  const started = await Promise.allSettled([
    withPortRetry(ports.dynamodb, (port) =>
      startDynamoDb({ port, dataDir: join(dataDir, 'dynamodb'), logFile: join(logs, 'dynamodb.log') }),
    ),
    withPortRetry(ports.cognito, (port) =>
      startCognito({ port, dataDir: join(dataDir, 'cognito'), logFile: join(logs, 'cognito.log') }),
    ),
    startS3({
      port: ports.s3.port,
      dataDir: join(dataDir, 's3'),
      bucket: setup.bucket,
      accessKeyId: setup.accessKeyId,
      secretAccessKey: setup.secretAccessKey,
    }),
  ]);
  for (const result of started) if (result.status === 'fulfilled') startedEmulators.push(result.value);
  const [dynamodb, cognito, s3] = started;
  if (dynamodb.status === 'rejected') throw dynamodb.reason;
  if (cognito.status === 'rejected') throw cognito.reason;
  if (s3.status === 'rejected') throw s3.reason;
  return { dynamodb: dynamodb.value, cognito: cognito.value, s3: s3.value };
}

/**
 * A free port can be taken between our check and the emulator's bind; when we chose the port
 * (it was not configured), try again on another one.
 */
async function withPortRetry<T>(choice: PortChoice, start: (port: number) => Promise<T>): Promise<T> {
  let port = choice.port;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start(port);
    } catch (error) {
      if (choice.fixed || attempt >= 3) throw error;
      port = await findFreePort(LOOPBACK);
    }
  }
}
