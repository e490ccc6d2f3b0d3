import { existsSync } from 'node:fs';
import { rm, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DataDirInUseError } from './data-dir-lock';
import { PortInUseError } from './gateway/server';
import { WEB_DIST_DIR } from './paths';
import { checkJava, PreflightError, portInUseMessage } from './preflight';
import { type RunningRuntime, startRuntime } from './runtime';
import { localSettings } from './settings';

/**
 * `npm start`: checks what the user can fix up front (Java, the port), starts the local runtime,
 * prints where everything is, and on Ctrl-C / SIGTERM stops gateway, scheduler and emulators.
 * Once up it writes the URLs, env and emulator pids to SMSPROJ_READY_FILE (default
 * <data dir>/ready.json), removed again on a clean stop. The jest harness runs it as a child:
 * SMSPROJ_PORT=0 picks free ports, SMSPROJ_PARENT_PID stops it if the test runner dies.
 */
async function main(): Promise<void> {
  const settings = localSettings();
  checkJava();
  // Other processes (tests against a hand-started runtime) find the URLs and env here.
  const readyFile = settings.SMSPROJ_READY_FILE ?? join(settings.dataDir, 'ready.json');
  let runtime: RunningRuntime;
  try {
    runtime = await startRuntime({ port: settings.SMSPROJ_PORT, dataDir: settings.dataDir });
  } catch (error) {
    if (error instanceof PortInUseError) throw new PreflightError(portInUseMessage(error.port));
    if (error instanceof DataDirInUseError) {
      throw new PreflightError(
        `${error.message}. Stop it, or give this one its own directory: SMSPROJ_DATA_DIR=.local-data-2 npm start`,
      );
    }
    throw error;
  }

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    if (!settings.SMSPROJ_QUIET) process.stdout.write(`\nStopping (${reason})...\n`);
    await runtime.stop();
    await rm(readyFile, { force: true });
    if (!settings.SMSPROJ_QUIET) process.stdout.write('Stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (settings.SMSPROJ_PARENT_PID)
    watchParent(settings.SMSPROJ_PARENT_PID, () => void shutdown('parent exited'));

  const ready = { pid: process.pid, urls: runtime.urls, env: runtime.env, emulatorPids: runtime.pids };
  // Written atomically: a reader never sees half a file.
  await writeFile(`${readyFile}.tmp`, JSON.stringify(ready, null, 2), 'utf8');
  await rename(`${readyFile}.tmp`, readyFile);
  if (!settings.SMSPROJ_QUIET) printBanner(runtime);
}

function printBanner(runtime: RunningRuntime): void {
  const { urls } = runtime;
  const dataDir = relative(process.cwd(), runtime.dataDir) || '.';
  process.stdout.write(
    [
      '',
      `SMSPROJ local runtime is up (data in ${dataDir}, emulator logs in ${dataDir}/logs)`,
      `  API        ${urls.api}`,
      `  WebSocket  ${urls.ws}?token=<accessToken>`,
      `  OpenAPI    ${urls.openapi}`,
      `  Mailbox    ${urls.mailbox}`,
      `  Health     ${urls.health}`,
      `  Dev tools  ${urls.base}/dev`,
      existsSync(join(WEB_DIST_DIR, 'index.html'))
        ? `  Web app    ${urls.base}/`
        : '  Web app    not built (web/dist is missing)',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

/** Polls the parent: when the test runner is killed without teardown, we must not linger. */
function watchParent(parentPid: number, onGone: () => void): void {
  const timer = setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
}

main().catch((error: unknown) => {
  if (error instanceof PreflightError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`The local runtime could not start: ${message}\n`);
  }
  process.exit(1);
});
