import { rmSync } from 'node:fs';
import { takeRuntimeState } from './runtime-state';

/**
 * Stops the runtime started by ./global-setup.ts (its gateway, scheduler and emulators, the
 * DynamoDB Local JVM included) and removes its temporary data directory. Set
 * SMSPROJ_KEEP_TEST_DATA=1 to keep the directory (logs, mailbox) for a post-mortem.
 */
export default async function globalTeardown(): Promise<void> {
  const state = takeRuntimeState();
  if (!state) return;
  await state.runtime.stop();
  if (process.env.SMSPROJ_KEEP_TEST_DATA === '1') {
    process.stdout.write(`\nLocal runtime data kept in ${state.dataDir}\n`);
    return;
  }
  rmSync(state.dataDir, { recursive: true, force: true });
}
