import type * as LibDynamodb from '#lib-dynamodb';

/**
 * What ElectroDB's `require("@aws-sdk/lib-dynamodb")` gets in Lambda bundles (BUNDLE_ALIASES in
 * lib/constructs/function-environment.ts): the document commands it sends, handed over by
 * ./data-service.ts before any Service exists — the package itself, not a copy.
 *
 * Why: ElectroDB is CommonJS, and a bundler must wrap every ES module a `require()` reaches in a
 * lazy initializer — the package, @aws-sdk/client-dynamodb and all of @smithy/core behind it —
 * which V8 then compiles twice (pre-parsed with the bundle, compiled again when called). This
 * module imports nothing at run time, so it stops that cascade here: about 7 ms of every ElectroDB
 * function's cold start (bench/RESULTS.md, "Cold start"). Our own code imports the package as
 * `#lib-dynamodb` (package.json "imports"), which the alias does not touch. The tests and the
 * local runtime are not bundled: there ElectroDB requires the package itself.
 * test/unit/platform/db/electrodb-sdk.test.ts runs the data layer through a bundle with it.
 */

/** The commands ElectroDB's v3 client wrapper builds (electrodb/src/client.js). */
export type DocumentCommands = Pick<
  typeof LibDynamodb,
  | 'GetCommand'
  | 'PutCommand'
  | 'UpdateCommand'
  | 'DeleteCommand'
  | 'BatchWriteCommand'
  | 'BatchGetCommand'
  | 'ScanCommand'
  | 'QueryCommand'
  | 'TransactWriteCommand'
  | 'TransactGetCommand'
>;

const missing = (): never => {
  throw new Error('ElectroDB ran before ./data-service.ts handed it the document commands');
};

export let GetCommand: DocumentCommands['GetCommand'] = missing as never;
export let PutCommand: DocumentCommands['PutCommand'] = missing as never;
export let UpdateCommand: DocumentCommands['UpdateCommand'] = missing as never;
export let DeleteCommand: DocumentCommands['DeleteCommand'] = missing as never;
export let BatchWriteCommand: DocumentCommands['BatchWriteCommand'] = missing as never;
export let BatchGetCommand: DocumentCommands['BatchGetCommand'] = missing as never;
export let ScanCommand: DocumentCommands['ScanCommand'] = missing as never;
export let QueryCommand: DocumentCommands['QueryCommand'] = missing as never;
export let TransactWriteCommand: DocumentCommands['TransactWriteCommand'] = missing as never;
export let TransactGetCommand: DocumentCommands['TransactGetCommand'] = missing as never;

/** Hands ElectroDB the package's commands (the exports above are live bindings). */
export function provideDocumentCommands(commands: DocumentCommands): void {
  ({
    GetCommand,
    PutCommand,
    UpdateCommand,
    DeleteCommand,
    BatchWriteCommand,
    BatchGetCommand,
    ScanCommand,
    QueryCommand,
    TransactWriteCommand,
    TransactGetCommand,
  } = commands);
}
