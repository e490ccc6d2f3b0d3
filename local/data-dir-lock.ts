import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Another live runtime owns the data directory: start.ts turns this into a one-line hint. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data directory ${dataDir} is in use by another local runtime (pid ${pid})`);
    this.name = 'DataDirInUseError';
  }
}

/**
 * One runtime per data directory: two DynamoDB Local or cognito-local instances writing the
 * same files would corrupt them. The lock is a pid file; a stale one (its process is gone, e.g.
 * after a crash) is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'runtime.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner > 0 && owner !== process.pid && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      // The previous runtime died without stopping (SIGKILL): its emulators may still hold the files.
      reapOrphanedEmulators(dataDir);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means "in use".
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const EMULATORS_FILE = 'emulators.json';
/** How to recognise each emulator in `ps` output, so a recycled pid is never killed. */
const SIGNATURES: Readonly<Record<string, string>> = { dynamodb: 'DynamoDBLocal', cognito: 'cognito-local' };

/** Remembers the emulator processes of this data directory for reapOrphanedEmulators(). */
export function recordEmulators(dataDir: string, pids: Readonly<Record<string, number>>): void {
  writeFileSync(join(dataDir, EMULATORS_FILE), JSON.stringify(pids), 'utf8');
}

export function forgetEmulators(dataDir: string): void {
  rmSync(join(dataDir, EMULATORS_FILE), { force: true });
}

/** Kills (SIGKILL, whole process group) emulators a crashed runtime left running on this data directory. */
export function reapOrphanedEmulators(dataDir: string): void {
  let recorded: Record<string, unknown>;
  try {
    recorded = JSON.parse(readFileSync(join(dataDir, EMULATORS_FILE), 'utf8')) as Record<string, unknown>;
  } catch {
    return;
  }
  for (const [name, pid] of Object.entries(recorded)) {
    const signature = SIGNATURES[name];
    if (typeof pid !== 'number' || !signature || !isAlive(pid)) continue;
    const args = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout ?? '';
    if (!args.includes(signature)) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  forgetEmulators(dataDir);
}
