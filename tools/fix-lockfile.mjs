#!/usr/bin/env node
/**
 * Adds lockfile entries for other platforms' optional native binaries (e.g. @biomejs/cli-darwin-arm64).
 *
 * Why: the npm registry mirror this project is developed against serves only this platform's
 * binaries, so `npm install` cannot write entries for the others, and `npm ci` then rejects the
 * lockfile as out of sync ("Missing: ... from lock file"). A normal lockfile carries those
 * entries with `os`/`cpu`/`libc`, which lets npm skip them without any network access; this
 * script restores them, inferring the platform from the package name (the binary packages are
 * named after it). Run it after every `npm install`: `node tools/fix-lockfile.mjs`.
 * `test/unit/lockfile.test.ts` fails when it is needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OS = [
  'android',
  'darwin',
  'linux',
  'win32',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  ppc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
};

/** { os, cpu, libc } of a platform binary package, from its name; undefined if it names none. */
export function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.map((t) => CPU[t]).find(Boolean);
  if (!os || !cpu) return undefined;
  const libc = tokens.some((t) => t.startsWith('musl'))
    ? 'musl'
    : os === 'linux' && tokens.some((t) => t.startsWith('gnu'))
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

/** Lock entries missing for optional dependencies of locked packages. */
export function missingOptionalEntries(lock) {
  const packages = lock.packages ?? {};
  const missing = [];
  for (const [path, entry] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const key = `node_modules/${name}`;
      const nested = `${path}/node_modules/${name}`;
      if (packages[key] || packages[nested]) continue;
      const platform = platformOf(name);
      if (!platform) continue;
      missing.push({ key, version, parent: entry, platform });
    }
  }
  return missing;
}

export function fixLockfile(lock) {
  const missing = missingOptionalEntries(lock);
  for (const { key, version, parent, platform } of missing) {
    lock.packages[key] = {
      version,
      cpu: [platform.cpu],
      ...(parent.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      ...(parent.license ? { license: parent.license } : {}),
      optional: true,
      os: [platform.os],
    };
  }
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
  );
  return missing.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = new URL('../package-lock.json', import.meta.url);
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  if (process.argv.includes('--check')) {
    const missing = missingOptionalEntries(lock).map((m) => m.key.replace('node_modules/', ''));
    if (missing.length > 0) {
      console.error(
        `package-lock.json lacks ${missing.length} platform entries (${missing.slice(0, 3).join(', ')}...): run node tools/fix-lockfile.mjs`,
      );
      process.exit(1);
    }
    process.exit(0);
  }
  const added = fixLockfile(lock);
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${added} platform entries`);
}
