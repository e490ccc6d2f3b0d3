import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnRuntime } from '../../local/spawn-runtime';
import { ENV_FILE_VARIABLE, saveRuntimeState } from './runtime-state';

/** The part of jest's GlobalConfig this hook reads. */
interface JestGlobalConfig {
  readonly testPathPatterns?: { readonly patterns?: readonly string[] };
}

/**
 * Starts the local runtime ONCE per jest run, as a child process on free ports with a fresh
 * temporary data directory, for the integration and e2e projects. Test workers load its env
 * (endpoints, table, pool ids, SMSPROJ_URL...) through ./env.ts, so tests can call the gateway
 * over HTTP and use shared services directly against the same emulators.
 *
 * Nothing starts when SMSPROJ_SKIP_RUNTIME=1 (unit and infra scripts), when SMSPROJ_TEST_ENV_FILE
 * already points at a running runtime's ready file, or when the run plainly selects only unit
 * or infra tests.
 */
export default async function globalSetup(globalConfig: JestGlobalConfig): Promise<void> {
  if (!runtimeNeeded(globalConfig, process.argv)) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'smsproj-test-'));
  try {
    const runtime = await spawnRuntime({
      dataDir,
      timeoutMs: Number(process.env.SMSPROJ_RUNTIME_START_TIMEOUT_MS ?? 90_000),
      env: {
        LOG_LEVEL: process.env.SMSPROJ_RUNTIME_LOG_LEVEL ?? 'INFO',
        // Suites register many users from loopback; the per-IP auth limit is proven from other
        // loopback addresses (test/integration/security/abuse-limits.test.ts).
        SMSPROJ_AUTH_IP_EXEMPT: '127.0.0.1,::1',
      },
    });
    process.env[ENV_FILE_VARIABLE] = runtime.readyFile;
    saveRuntimeState({ runtime, dataDir });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

const RUNTIME_PROJECTS = ['integration', 'e2e'];

/** Exported for its unit test: decides from the environment, --selectProjects and path filters. */
export function runtimeNeeded(globalConfig: JestGlobalConfig, argv: readonly string[]): boolean {
  if (process.env.SMSPROJ_SKIP_RUNTIME === '1') return false;
  if (process.env[ENV_FILE_VARIABLE]) return false;
  const selected = selectedProjects(argv);
  if (selected && !selected.some((name) => RUNTIME_PROJECTS.includes(name))) return false;
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  if (patterns.length > 0 && patterns.every((p) => /test\/(unit|infra)(\/|$)/.test(p))) return false;
  return true;
}

/** Values of --selectProjects (space or = separated), or undefined when absent. */
function selectedProjects(argv: readonly string[]): string[] | undefined {
  const index = argv.findIndex((arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='));
  if (index < 0) return undefined;
  const arg = argv[index]!;
  if (arg.includes('=')) return arg.slice(arg.indexOf('=') + 1).split(',');
  const values: string[] = [];
  for (const value of argv.slice(index + 1)) {
    if (value.startsWith('-')) break;
    values.push(value);
  }
  return values;
}
