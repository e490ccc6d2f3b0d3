import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The project root, for reading its sources. */
export const ROOT = join(__dirname, '..', '..', '..');

/** Every TypeScript file under `dir` (relative to the root), as paths relative to the root. */
export const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));

/** The modules Lambda bundles are built from: shared/ and functions/. */
export const productionModules = (): string[] => [...sourcesUnder('shared'), ...sourcesUnder('functions')];
