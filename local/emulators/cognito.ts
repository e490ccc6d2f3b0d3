import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { LOOPBACK } from '../ports';
import { answers, waitUntil } from '../wait';
import { manageChild } from './child-process';

export interface CognitoEmulator {
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  /** The `iss` claim cognito-local signs tokens with: `http://HOST:PORT/<poolId>`. */
  issuer(userPoolId: string): string;
  /** Where cognito-local serves the pool's public keys. */
  jwksUri(userPoolId: string): string;
  stop(): Promise<void>;
}

export interface CognitoOptions {
  readonly port: number;
  /** cognito-local keeps pools, clients and users in `.cognito/` below its working directory. */
  readonly dataDir: string;
  readonly logFile: string;
  /** @default 30000 */
  readonly startTimeoutMs?: number;
}

/**
 * cognito-local as a child process. Its token issuer is built from the HOST and PORT it was
 * started with (lib/server/config.js and lib/services/tokenGenerator.js), so it binds an explicit
 * IPv4 loopback address and the issuer is stable as long as the port is.
 */
export async function startCognito(options: CognitoOptions): Promise<CognitoEmulator> {
  mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: options.dataDir,
    // A minimal environment: the emulator needs none of our configuration or credentials.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? options.dataDir,
      PORT: String(options.port),
      HOST: LOOPBACK,
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      NODE_NO_WARNINGS: '1',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const managed = manageChild('cognito-local', child, options.logFile);
  const endpoint = `http://${LOOPBACK}:${options.port}`;
  try {
    await waitUntil(() => answers(`${endpoint}/health`), {
      what: `cognito-local on port ${options.port}`,
      timeoutMs: options.startTimeoutMs ?? 30_000,
      abortIf: () => {
        const reason = managed.exitReason();
        return reason ? `cognito-local ${reason}: ${managed.recentOutput() || 'no output'}` : undefined;
      },
    });
  } catch (error) {
    await managed.stop();
    throw error;
  }
  return {
    endpoint,
    port: options.port,
    pid: managed.pid,
    issuer: (userPoolId) => `${endpoint}/${userPoolId}`,
    jwksUri: (userPoolId) => `${endpoint}/${userPoolId}/.well-known/jwks.json`,
    stop: () => managed.stop(),
  };
}
