import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionModules, ROOT as root } from './sources';

/**
 * The local seam (shared/platform/adapters/port.ts): production code never asks which runtime it
 * runs in and never loads local code; local implementations live in local/ and are installed.
 */
const production = productionModules();

describe('production modules and the local runtime', () => {
  it('finds the production modules', () => {
    expect(production.length).toBeGreaterThan(100);
  });

  it.each(production)('%s does not branch on the runtime', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(
      /isLocal\(|\.SMSPROJ_RUNTIME\b|\.LOCAL_DATA_DIR\b/,
    );
  });

  it.each(production)('%s does not import local code', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/from '(\.\.\/)+local\//);
  });

  it.each(production)('%s declares its ports pure (bundles that never use one drop its client)', (file) => {
    const source = readFileSync(join(root, file), 'utf8');
    const calls = source.match(/= (\/\* @__PURE__ \*\/ )?port[<(]/g) ?? [];
    expect(calls.filter((call) => !call.includes('@__PURE__'))).toEqual([]);
  });
});
