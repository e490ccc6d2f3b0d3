import { readFileSync } from 'node:fs';
import { readyFileSchema } from '../../local/spawn-runtime';
import { ENV_FILE_VARIABLE } from './runtime-state';

/**
 * jest `setupFiles` entry of the integration and e2e projects: loads the env of the runtime
 * that ./global-setup.ts started (or of one started by hand, when SMSPROJ_TEST_ENV_FILE points
 * at its ready file, e.g. .local-data/ready.json) into process.env before any test module is
 * loaded, so shared services read the emulators' endpoints from their configuration.
 */
const file = process.env[ENV_FILE_VARIABLE];
if (file) {
  const ready = readyFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  // Real AWS settings of the developer's shell must never reach a local test.
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, ready.env);
} else if (!process.env.SMSPROJ_URL) {
  throw new Error(
    'These tests need the local runtime: run them without SMSPROJ_SKIP_RUNTIME=1, or set SMSPROJ_TEST_ENV_FILE to the ready file of a running runtime.',
  );
}
// Tests call services in this process too: they use the local adapters, as the runtime does.
// (required, not imported: the env above must be in place before any shared module loads)
require('../../local/adapters/index').installLocalAdapters();
