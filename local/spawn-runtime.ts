import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as z from 'zod';
import { REPO_ROOT } from './paths';

/** What start.ts writes to SMSPROJ_READY_FILE once everything answers. */
export const readyFileSchema = z.object({
  pid: z.number().int(),
  urls: z.object({
    base: z.string(),
    api: z.string(),
    ws: z.string(),
    openapi: z.string(),
    mailbox: z.string(),
    health: z.string(),
  }),
  env: z.record(z.string(), z.string()),
  emulatorPids: z.object({ dynamodb: z.number().int(), cognito: z.number().int() }),
});
export type ReadyFile = z.infer<typeof readyFileSchema>;

export interface SpawnRuntimeOptions {
  /** Fresh directory for this runtime's data, logs and ready file. */
  readonly dataDir: string;
  /** @default 0 (free ports everywhere) */
  readonly port?: number;
  /** @default 90000 */
  readonly timeoutMs?: number;
  /** Extra environment for the child (e.g. LOG_LEVEL). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface SpawnedRuntime {
  readonly ready: ReadyFile;
  readonly readyFile: string;
  /** The child's stdout and stderr. */
  readonly logFile: string;
  /** SIGTERM, then SIGKILL for the child and its emulators if it does not stop in time. */
  stop(): Promise<void>;
}

/**
 * Runs `local/start.ts` as a child process (the jest harness, benchmarks): free ports, its own
 * data directory, and its parent's pid so it stops on its own if we die. Resolves when the
 * ready file appears; a child that exits or does not become ready in time fails with the tail
 * of its output.
 */
export async function spawnRuntime(options: SpawnRuntimeOptions): Promise<SpawnedRuntime> {
  const readyFile = join(options.dataDir, 'ready.json');
  const logFile = join(options.dataDir, 'runtime.log');
  rmSync(readyFile, { force: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'local', 'start.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...withoutInheritedNodeOptions(process.env),
      SMSPROJ_PORT: String(options.port ?? 0),
      SMSPROJ_DATA_DIR: options.dataDir,
      SMSPROJ_READY_FILE: readyFile,
      SMSPROJ_PARENT_PID: String(process.pid),
      SMSPROJ_QUIET: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const record = (chunk: Buffer) => {
    log.write(chunk);
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);

  const timeoutMs = options.timeoutMs ?? 90_000;
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      log.end();
      throw new Error(
        `The local runtime exited before it was ready (${exitOf(child)}). Its output:\n${output.trim()}`,
      );
    }
    if (Date.now() > deadline) {
      await stopChild(child, undefined);
      log.end();
      throw new Error(
        `The local runtime was not ready after ${timeoutMs} ms (see ${logFile}). Its output:\n${output.trim()}`,
      );
    }
    await sleep(100);
  }
  const ready = readyFileSchema.parse(JSON.parse(readFileSync(readyFile, 'utf8')));
  return {
    ready,
    readyFile,
    logFile,
    async stop() {
      await stopChild(child, ready);
      log.end();
    },
  };
}

/** Loaders a test runner injected (NODE_OPTIONS) must not leak into the runtime. */
function withoutInheritedNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _nodeOptions, ...rest } = env;
  return rest;
}

function exitOf(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `exit code ${child.exitCode}`;
}

async function stopChild(child: ChildProcess, ready: ReadyFile | undefined): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (!exited()) {
    child.kill('SIGTERM');
    const deadline = Date.now() + 15_000;
    while (!exited() && Date.now() < deadline) await sleep(50);
  }
  if (exited() && child.exitCode === 0) return;
  // It did not stop cleanly: kill it, and its emulators, which lead their own process groups.
  if (!exited()) child.kill('SIGKILL');
  for (const [name, pid] of Object.entries(ready?.emulatorPids ?? {})) {
    if (!isOurEmulator(pid, name)) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone in the meantime.
    }
  }
}

/** Guards against a recycled pid: only a live process that looks like that emulator is killed. */
function isOurEmulator(pid: number, name: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return name === 'dynamodb'
      ? commandLine.includes('DynamoDBLocal')
      : commandLine.includes('cognito-local');
  } catch {
    // No such process (or no /proc): nothing to kill.
    return false;
  }
}
