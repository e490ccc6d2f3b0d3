import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** How much of an emulator's recent output is kept for error messages. */
const TAIL_BYTES = 4096;

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Why the process is gone (exit code / signal / spawn error), undefined while it runs. */
  exitReason(): string | undefined;
  /** The last few KB of its stdout and stderr. */
  recentOutput(): string;
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Wraps an emulator child spawned with `detached: true`, i.e. as the leader of its own process
 * group. Stopping signals the whole group, so nothing it forked survives us (the DynamoDB Local
 * JVM in particular), and Ctrl-C in a terminal reaches us first: we stop the gateway before the
 * emulators it depends on. Output goes to a log file in the data directory, not the console.
 */
export function manageChild(name: string, child: ChildProcess, logFile: string): ManagedProcess {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'w' });
  let tail = '';
  let exitReason: string | undefined;
  const record = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const exited = new Promise<void>((resolveExit) => {
    child.once('error', (error) => {
      exitReason ??= `could not be started (${error.message})`;
      resolveExit();
    });
    child.once('exit', (code, signal) => {
      exitReason ??= signal ? `was killed by ${signal}` : `exited with code ${code}`;
      log.end();
      resolveExit();
    });
  });

  const pid = child.pid ?? -1;
  const signalGroup = (signal: NodeJS.Signals) => {
    if (pid <= 0 || exitReason) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone: nothing to signal.
    }
  };
  // Last resort when our process exits without stop() (uncaught error): never leave a JVM behind.
  const onExit = () => signalGroup('SIGKILL');
  process.once('exit', onExit);

  return {
    name,
    pid,
    exitReason: () => exitReason,
    recentOutput: () => tail.trim(),
    async stop(graceMs = 5000) {
      process.removeListener('exit', onExit);
      if (exitReason) return;
      signalGroup('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(graceMs, false)]);
      if (gone) return;
      signalGroup('SIGKILL');
      await Promise.race([exited, sleep(2000)]);
    },
  };
}
