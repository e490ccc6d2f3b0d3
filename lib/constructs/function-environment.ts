/**
 * Every function's environment before its own variables. No NODE_OPTIONS=--enable-source-maps:
 * measured, it made every init slower (bench/RESULTS.md), and the bench times the bundles with
 * exactly this environment.
 */
export const FUNCTION_ENVIRONMENT: Readonly<Record<string, string>> = {
  SMSPROJ_RUNTIME: 'aws',
  POWERTOOLS_SERVICE_NAME: 'smsproj',
};
