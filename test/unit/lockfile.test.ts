import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm ci` on a clean machine needs lockfile entries for every platform's optional binaries;
 * the registry mirror here cannot supply them to `npm install` (see tools/fix-lockfile.mjs).
 */
describe('package-lock.json', () => {
  it('has an entry for every optional platform binary, so `npm ci` accepts it', () => {
    const root = join(__dirname, '..', '..');
    const result = spawnSync(process.execPath, [join(root, 'tools', 'fix-lockfile.mjs'), '--check'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
