import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../../../lib/constructs/app-function';
import { lambdaBuildOptions } from '../../../lib/constructs/function-environment';

/**
 * Bundles `contents` (TypeScript, resolved from the project root) into `outfile` the way the
 * functions are bundled (LAMBDA_BUNDLE), with or without the functions' aliases, for the suites
 * that compare the two.
 */
export function bundleLikeLambda(
  contents: string,
  outfile: string,
  options: { aliased: boolean; minify?: boolean },
) {
  buildSync({
    ...lambdaBuildOptions(PROJECT_ROOT),
    stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts' },
    outfile,
    sourcemap: false,
    minify: options.minify ?? false,
    ...(options.aliased ? {} : { alias: {} }),
  });
}
