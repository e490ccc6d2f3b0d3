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
 *   only ever uses the environment link (see the module).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  jsonschema: './shared/platform/db/jsonschema-off.ts',
  '@aws-sdk/credential-provider-node': './shared/platform/lambda-credentials.ts',
};
