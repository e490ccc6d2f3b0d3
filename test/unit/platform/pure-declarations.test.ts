import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sourcesUnder } from './sources';

/**
 * esbuild keeps every module-level call it cannot prove free of side effects, and with it
 * everything the call references. A zod schema or route definition nobody in a bundle uses would
 * then stay, and drag in what it validates with: e164 pulled libphonenumber-js's metadata
 * (~190 KB) into functions that never see a phone number. So every module-level schema and route
 * definition in shared/ is declared `/* @__PURE__ *\/` (bench/RESULTS.md shows the bundle sizes).
 * So are entities (`modelEntity`) and data modules (`dataService`): a function then builds only
 * the entities it can reach, not every entity of every module it imports (get-me built 18, now 8).
 */
const DECLARATION =
  /^(?:export )?const (\w+)(?:: [^=]+)? = (?!\/\*)(?:z\.|z$|page\(|defineRoute\(|modelEntity\(|dataService\()/;

describe('module-level schemas and routes are pure', () => {
  it('every module-level zod schema, page(), defineRoute(), modelEntity() and dataService() in shared/ carries /* @__PURE__ */', () => {
    const unannotated: string[] = [];
    for (const file of sourcesUnder('shared')) {
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = DECLARATION.exec(line);
          if (m) unannotated.push(`${file}:${i + 1} ${m[1]}`);
        });
    }
    expect(unannotated).toEqual([]);
  });
});
