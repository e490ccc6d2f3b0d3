import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildSmsProj, type SmsProjAppOptions } from '../../lib/app';
import { newApp } from './fixture';

/** A built web client stand-in, so the BucketDeployment (and its CDK-owned role) is always synthesized. */
const webDistDir = mkdtempSync(path.join(tmpdir(), 'smsproj-web-'));
writeFileSync(path.join(webDistDir, 'index.html'), '<!doctype html><title>SMSPROJ</title>');

/**
 * The three ways the app is synthesized: in-process without an env (tests), and as the CDK CLI
 * does, which always sets CDK_DEFAULT_REGION (us-east-1 when nothing is configured, the user's
 * region otherwise) and CDK_DEFAULT_ACCOUNT when credentials resolve. Finding ids render the
 * concrete partition/account/region then, so every acknowledgment must match all three.
 */
const ENVS: readonly [string, SmsProjAppOptions['env']][] = [
  ['env-agnostic', {}],
  ['us-east-1 with an account', { account: '111111111111', region: 'us-east-1' }],
  ['eu-west-1 with an account', { account: '222222222222', region: 'eu-west-1' }],
  ['eu-west-1 without an account (CLI without credentials)', { region: 'eu-west-1' }],
];

/**
 * cdk-nag v3 is a CDK validation plugin: findings are a validation report (not annotations)
 * and any finding without an acknowledgment fails the synth.
 */
describe.each(ENVS)('synth-time validation (%s)', (_name, env) => {
  it('passes cdk-nag AwsSolutions with every finding fixed or acknowledged', () => {
    const app = newApp();
    const { stateful, stateless } = buildSmsProj(app, { env, stateless: { webDistDir } });
    expect(stateless.web.node.tryFindChild('Deploy')).toBeDefined();

    expect(() => app.synth()).not.toThrow();
    // Acknowledgments of wildcard grants are recorded during synthesis: check after it.
    for (const stack of [stateful, stateless]) {
      const { violations } = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
      expect(
        violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath)}`),
      ).toEqual([]);
    }
  });
});

describe('synth-time validation', () => {
  it('fails the synth on an unacknowledged finding', () => {
    const app = newApp();
    const { stateful } = buildSmsProj(app, { env: {} });
    new Bucket(stateful, 'CarelessBucket');

    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });
});
