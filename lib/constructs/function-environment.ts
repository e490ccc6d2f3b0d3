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
 * Packages every bundle resolves to another module (esbuild `alias`; paths from the project root).
 * `jsonschema` is ElectroDB's model checker, which our bundles never need (see the module).
 * AppFunction, the bench and the tests that build bundles all use this one definition.
 */
export const BUNDLE_ALIAS = {
  package: 'jsonschema',
  module: './shared/platform/db/jsonschema-off.ts',
} as const;
