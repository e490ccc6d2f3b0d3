import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../../lib/constructs/app-function';
import { BUNDLE_ALIASES } from '../../../lib/constructs/function-environment';

/**
 * Bundles `contents` (TypeScript, resolved from the project root) into `outfile` the way the
 * functions are bundled — ESM for node22, module-first resolution, the createRequire banner —
 * with or without the functions' BUNDLE_ALIASES, for the suites that compare the two.
 */
export function bundleLikeLambda(
  contents: string,
  outfile: string,
  options: { aliased: boolean; minify?: boolean },
) {
  buildSync({
    stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: options.minify ?? false,
    mainFields: ['module', 'main'],
    banner: { js: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);" },
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'error',
    ...(options.aliased ? { alias: { ...BUNDLE_ALIASES } } : {}),
  });
}
