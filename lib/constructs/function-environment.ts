import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * Every function's environment before its own variables. No NODE_OPTIONS=--enable-source-maps:
 * measured, it made every init slower (bench/RESULTS.md), and the bench times the bundles with
 * exactly this environment.
 */
export const FUNCTION_ENVIRONMENT: Readonly<Record<string, string>> = {
  SMSPROJ_RUNTIME: 'aws',
  POWERTOOLS_SERVICE_NAME: 'smsproj',
};

/**
 * Packages every bundle resolves to another module (esbuild `alias`: package → module, paths from
 * the project root). AppFunction, the bench and the tests that build bundles all use this one map.
 * - `jsonschema` is ElectroDB's model checker, which our bundles never need (see the module);
 * - `@aws-sdk/credential-provider-node` is the SDK's default credential chain, of which Lambda
 *   only ever uses the environment link (see the module);
 * - `@aws-sdk/lib-dynamodb` is what ElectroDB `require`s: it gets the package's commands through
 *   a module that imports nothing, so the SDK is not wrapped for a CommonJS caller (see the
 *   module). Our own code imports the package as `#lib-dynamodb`, which no alias touches.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  jsonschema: './shared/platform/db/jsonschema-off.ts',
  '@aws-sdk/credential-provider-node': './shared/platform/lambda-credentials.ts',
  '@aws-sdk/lib-dynamodb': './shared/platform/db/electrodb-sdk.ts',
};

/**
 * How every function is bundled — the one definition AppFunction hands NodejsFunction and the
 * bench and the bundle tests hand esbuild ({@link lambdaBuildOptions}), so a measured or tested
 * bundle is the deployed one. test/infra/function-bundling.test.ts checks both translations.
 */
export const LAMBDA_BUNDLE = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  // The map ships in the asset, without the sources, but Node does not load it: with
  // NODE_OPTIONS=--enable-source-maps every cold start read and parsed it (bench/RESULTS.md,
  // "Cold start"). To read a stack trace, map it offline with the asset's index.mjs.map, or
  // set that NODE_OPTIONS on one function while debugging.
  sourceMap: true,
  sourcesContent: false,
  // ESM-first resolution (middy is ESM only); the banner gives bundled CJS code `require`.
  mainFields: ['module', 'main'],
  banner: "import{createRequire}from'node:module';const require=createRequire(import.meta.url);",
  // Bundle the AWS SDK too: the versions tested locally are the versions deployed, and the
  // runtime's copy lacks helpers such as @aws-sdk/s3-presigned-post.
  externalModules: [] as string[],
  /** Module paths resolve from the project root, where esbuild runs. */
  aliases: BUNDLE_ALIASES,
} as const;

/**
 * {@link LAMBDA_BUNDLE} as esbuild build options, for code that runs esbuild itself (the bench,
 * the bundle tests): what NodejsFunction passes on its command line, run from `projectRoot` with
 * its tsconfig.json.
 */
export function lambdaBuildOptions(projectRoot: string): BuildOptions {
  return {
    bundle: true,
    format: LAMBDA_BUNDLE.format,
    target: LAMBDA_BUNDLE.target,
    platform: LAMBDA_BUNDLE.platform,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourceMap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: { js: LAMBDA_BUNDLE.banner },
    external: [...LAMBDA_BUNDLE.externalModules],
    alias: { ...LAMBDA_BUNDLE.aliases },
    tsconfig: join(projectRoot, 'tsconfig.json'),
    absWorkingDir: projectRoot,
    logLevel: 'error',
  };
}
