import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Human description for the timeout message: "DynamoDB Local to answer". */
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked before each attempt: a message here aborts the wait at once (e.g. the process died). */
  readonly abortIf?: () => string | undefined;
}

/**
 * Polls `check` until it returns true. Emulators take a few seconds to come up (the JVM above
 * all), so startup waits on "answers a request", never on a fixed delay.
 */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const aborted = options.abortIf?.();
    if (aborted) throw new Error(aborted);
    if (await check().catch(() => false)) return;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}.`);
    }
    await sleep(options.intervalMs ?? 100);
  }
}

/** True when `url` answers at all (any HTTP status) within `timeoutMs`. */
export async function answers(url: string, init: RequestInit = {}, timeoutMs = 1000): Promise<boolean> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  return true;
}
