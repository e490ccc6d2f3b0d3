import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleLikeLambda } from '../lambda-bundle';

/**
 * Lambda bundles give ElectroDB's `require("@aws-sdk/lib-dynamodb")` the package's commands
 * through shared/platform/db/electrodb-sdk.ts (BUNDLE_ALIASES), so the SDK is not wrapped for a
 * CommonJS caller. This suite bundles a data module with and without the alias and runs every
 * kind of operation ElectroDB sends through it — the client's own middleware answers instead of
 * DynamoDB and records each command and its input — and requires the same commands, inputs and
 * results from both; and it shows the reason: without the alias the bundle defers
 * @aws-sdk/client-dynamodb's modules behind lazy initializers, with it none.
 */
const ENTRY = `
import { db } from './shared/webhooks/db';
import { dynamo } from './shared/platform/db/client';
process.env.TABLE_NAME = 'bench-table';
const sent = [];
const answers = {
  QueryCommand: { Items: [], Count: 0 },
  ScanCommand: { Items: [], Count: 0 },
  BatchGetItemCommand: { Responses: { 'bench-table': [] }, UnprocessedKeys: {} },
  BatchWriteItemCommand: { UnprocessedItems: {} },
  TransactGetItemsCommand: { Responses: [{}] },
};
let command;
dynamo().middlewareStack.add(
  (next, context) => async (args) => {
    command = context.commandName;
    return next(args);
  },
  { step: 'initialize', name: 'recordCommand', priority: 'high' },
);
dynamo().middlewareStack.add(
  () => async (args) => {
    sent.push([command, JSON.parse(JSON.stringify(args.input))]);
    return { output: { $metadata: {}, ...(answers[command] ?? {}) }, response: {} };
  },
  { step: 'build', name: 'answerInsteadOfDynamoDB' },
);
const { webhookEndpoint: endpoint, webhookEndpointCount: count } = db().entities;
const results = [];
const run = async (operation) => {
  try {
    results.push(await operation());
  } catch (error) {
    results.push('error: ' + error.message);
  }
};
await run(() => count.get({ userId: 'u1' }).go());
await run(() => count.put({ userId: 'u1', count: 1 }).go());
await run(() => count.update({ userId: 'u1' }).add({ count: 1 }).go());
await run(() => count.delete({ userId: 'u1' }).go());
await run(() => endpoint.query.primary({ userId: 'u1' }).go());
await run(() => endpoint.scan.go());
await run(() => count.get([{ userId: 'u1' }, { userId: 'u2' }]).go());
await run(() => count.delete([{ userId: 'u1' }, { userId: 'u2' }]).go());
await run(() => db().transaction.write(({ webhookEndpointCount }) => [webhookEndpointCount.delete({ userId: 'u1' }).commit()]).go());
await run(() => db().transaction.get(({ webhookEndpointCount }) => [webhookEndpointCount.get({ userId: 'u1' }).commit()]).go());
console.log(JSON.stringify({ sent, results }));
`;

describe('electrodb-sdk: ElectroDB sends the package commands in a bundle that does not wrap the SDK', () => {
  const dir = mkdtempSync(join(tmpdir(), 'electrodb-sdk-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const build = (alias: boolean) => {
    const outfile = join(dir, alias ? 'aliased.mjs' : 'plain.mjs');
    bundleLikeLambda(ENTRY, outfile, { aliased: alias });
    return outfile;
  };
  const run = (file: string) =>
    JSON.parse(
      execFileSync(process.execPath, [file], {
        env: { ...process.env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' },
        encoding: 'utf8',
      }),
    ) as { sent: unknown[][]; results: unknown[] };

  it('sends the same commands with the same inputs and gets the same results', () => {
    const plain = build(false);
    const aliased = build(true);
    const viaPackage = run(plain);
    const viaHandOver = run(aliased);
    // What the client stack sees: each document command sends its DynamoDB command.
    expect(viaPackage.sent.map(([command]) => command)).toEqual([
      'GetItemCommand',
      'PutItemCommand',
      'UpdateItemCommand',
      'DeleteItemCommand',
      'QueryCommand',
      'ScanCommand',
      'BatchGetItemCommand',
      'BatchWriteItemCommand',
      'TransactWriteItemsCommand',
      'TransactGetItemsCommand',
    ]);
    expect(viaPackage.results.filter((r) => typeof r === 'string')).toEqual([]);
    expect(viaHandOver).toEqual(viaPackage);

    const wrapped = (file: string) =>
      (readFileSync(file, 'utf8').match(/"node_modules\/@aws-sdk\/client-dynamodb\/[^"]+"\(\) \{/g) ?? [])
        .length;
    expect(wrapped(plain)).toBeGreaterThan(10);
    expect(wrapped(aliased)).toBe(0);
  }, 60_000);
});
