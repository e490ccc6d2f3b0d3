import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { productionModules, ROOT as root } from '../sources';

/**
 * No production module reads the table with a Scan: every read is a key or index query, so its
 * cost is the page it returns, not the table (bench/RESULTS.md, "Scaling"). ScanCommand appears
 * only where the document commands are handed to ElectroDB (its client wrapper names every
 * command; shared/platform/db/electrodb-sdk.ts), which sends one only if an entity's
 * `.scan` is called — which this test keeps from happening.
 */
const HAND_OVER = new Set(['shared/platform/db/electrodb-sdk.ts', 'shared/platform/db/data-service.ts']);
const production = productionModules();

describe('no Scan in production modules', () => {
  it('finds the production modules and the hand-over', () => {
    expect(production.length).toBeGreaterThan(100);
    for (const file of HAND_OVER) expect(production).toContain(file);
  });

  it.each(production.filter((file) => !HAND_OVER.has(file)))('%s never scans the table', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/\.scan\b|\bScan(Command|Input)\b/);
  });

  it.each([...HAND_OVER])('%s only hands ScanCommand over (never sends one itself)', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(
      /\.scan\b|new ScanCommand|\.send\(\s*new Scan/,
    );
  });
});
