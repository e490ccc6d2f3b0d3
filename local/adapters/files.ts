import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { config } from '../../shared/platform/config';

/**
 * Local runtime sinks (mailbox, SMS outbox) are JSON-lines files in the data directory, so they
 * survive restarts and are visible to every process of a run (the gateway, tests, the bench).
 */
export function localFile(name: string): string {
  const dir = config('core').LOCAL_DATA_DIR;
  if (!dir) throw new Error('LOCAL_DATA_DIR is not set: local adapters need the local runtime.');
  return join(dir, name);
}

export async function appendJsonLine(name: string, value: unknown): Promise<void> {
  const file = localFile(name);
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(value)}\n`, 'utf8');
}

export async function readJsonLines<T>(name: string): Promise<T[]> {
  try {
    const text = await readFile(localFile(name), 'utf8');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as T);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
