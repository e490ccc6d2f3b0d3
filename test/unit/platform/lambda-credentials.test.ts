import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  credentialsTreatedAsExpired,
  credentialsWillNeedRefresh,
  defaultProvider,
} from '../../../shared/platform/lambda-credentials';
import { bundleLikeLambda } from './lambda-bundle';

/**
 * Lambda bundles replace the SDK's default credential chain with its environment link
 * (shared/platform/lambda-credentials.ts, BUNDLE_ALIASES). This suite checks the module's answers
 * and runs a real SDK client bundled with and without the alias: with Lambda's environment both
 * sign with the same credentials; the aliased bundle is the smaller one.
 */
const LAMBDA_KEYS = {
  AWS_ACCESS_KEY_ID: 'ASIALAMBDAROLEKEY',
  AWS_SECRET_ACCESS_KEY: 'lambda-role-secret',
  AWS_SESSION_TOKEN: 'lambda-role-session-token',
};

describe('lambda-credentials: the environment link of the credential chain', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(LAMBDA_KEYS)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it("answers with the role credentials Lambda puts in the function's environment", async () => {
    Object.assign(process.env, LAMBDA_KEYS);
    await expect(defaultProvider()()).resolves.toMatchObject({
      accessKeyId: LAMBDA_KEYS.AWS_ACCESS_KEY_ID,
      secretAccessKey: LAMBDA_KEYS.AWS_SECRET_ACCESS_KEY,
      sessionToken: LAMBDA_KEYS.AWS_SESSION_TOKEN,
    });
  });

  it('rejects, like the SDK chain, when the environment holds no credentials', async () => {
    for (const key of Object.keys(LAMBDA_KEYS)) delete process.env[key];
    await expect(defaultProvider()()).rejects.toThrow(/environment variable credentials/);
  });

  it("keeps the package's expiry rules (refresh when an expiry exists, expired 5 minutes early)", () => {
    const credentials = (expiration?: Date) => ({ accessKeyId: 'a', secretAccessKey: 's', expiration });
    const soon = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 3_600_000);
    expect(credentialsWillNeedRefresh(credentials())).toBe(false);
    expect(credentialsWillNeedRefresh(credentials(later))).toBe(true);
    expect(credentialsTreatedAsExpired(credentials(soon))).toBe(true);
    expect(credentialsTreatedAsExpired(credentials(later))).toBe(false);
  });

  describe('in a bundle, as the functions are built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-credentials-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const ENTRY = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({ region: 'us-east-1' });
const { accessKeyId, sessionToken } = await client.config.credentials();
console.log(JSON.stringify({ accessKeyId, sessionToken }));
`;
    const build = (alias: boolean): string => {
      const outfile = join(dir, alias ? 'aliased.mjs' : 'plain.mjs');
      bundleLikeLambda(ENTRY, outfile, { aliased: alias, minify: true });
      return outfile;
    };
    const run = (file: string) =>
      JSON.parse(
        execFileSync(process.execPath, [file], {
          env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...LAMBDA_KEYS },
          encoding: 'utf8',
        }),
      ) as unknown;

    it('signs with the same credentials as the full chain, from a bundle about 100 KB smaller', () => {
      const plain = build(false);
      const aliased = build(true);
      expect(run(aliased)).toEqual(run(plain));
      expect(run(aliased)).toEqual({
        accessKeyId: LAMBDA_KEYS.AWS_ACCESS_KEY_ID,
        sessionToken: LAMBDA_KEYS.AWS_SESSION_TOKEN,
      });
      expect(statSync(plain).size - statSync(aliased).size).toBeGreaterThan(80 * 1024);
    }, 60_000);
  });
});
