import type { SpawnedRuntime } from '../../local/spawn-runtime';

/**
 * globalSetup and globalTeardown run in the same jest process: the spawned runtime travels
 * between them on globalThis (jest's documented way to share state between the two).
 */
export interface TestRuntimeState {
  readonly runtime: SpawnedRuntime;
  readonly dataDir: string;
}

const KEY = '__smsprojTestRuntime';

export function saveRuntimeState(state: TestRuntimeState): void {
  (globalThis as Record<string, unknown>)[KEY] = state;
}

export function takeRuntimeState(): TestRuntimeState | undefined {
  const holder = globalThis as Record<string, unknown>;
  const state = holder[KEY] as TestRuntimeState | undefined;
  delete holder[KEY];
  return state;
}

/** Points test workers at the runtime: its ready file holds the env (see ./env.ts). */
export const ENV_FILE_VARIABLE = 'SMSPROJ_TEST_ENV_FILE';
