import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildSmsProj } from '../lib/app';

/**
 * `npx cdk synth` runs this file with the context of cdk.json (feature flags) and an output
 * directory. Run directly (`npx tsx bin/app.ts`), it reads the same cdk.json context itself
 * and writes cdk.out, so an offline synth needs no CLI at all.
 */
const underCli = process.env.CDK_OUTDIR !== undefined;
const root = path.join(__dirname, '..');
const standalone = () => {
  const { context } = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return { context, outdir: path.join(root, 'cdk.out') };
};

const app = new App(underCli ? {} : standalone());
// cdk-nag (AwsSolutions) runs as a validation plugin registered by buildSmsProj: any finding
// without an acknowledgment makes the synth fail (non-zero exit).
buildSmsProj(app);
app.synth();
