import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { build } from 'esbuild';
import {
  AppFunction,
  appFunctionBundling,
  handlerEntry,
  PROJECT_ROOT,
} from '../../lib/constructs/app-function';
import { LAMBDA_BUNDLE, lambdaBuildOptions } from '../../lib/constructs/function-environment';

/**
 * The bench and the bundle tests build functions with esbuild themselves (lambdaBuildOptions);
 * CDK builds them through NodejsFunction (appFunctionBundling). Both come from LAMBDA_BUNDLE, and
 * this suite holds them to it: every setting reaches both sides, and a function CDK bundles is
 * byte for byte the bundle lambdaBuildOptions makes — so what the bench measures and the tests
 * check is what is deployed.
 */
describe('one definition of how functions are bundled', () => {
  it('gives NodejsFunction every setting of LAMBDA_BUNDLE, and nothing else', () => {
    const bundling = appFunctionBundling();
    const { aliases, ...settings } = LAMBDA_BUNDLE;
    expect(Object.keys(bundling).sort()).toEqual(
      [...Object.keys(settings), 'esbuildArgs', 'tsconfig'].sort(),
    );
    for (const [key, value] of Object.entries(settings)) {
      expect([key, (bundling as Record<string, unknown>)[key]]).toEqual([key, value]);
    }
    expect(bundling.esbuildArgs).toEqual(
      Object.fromEntries(Object.entries(aliases).map(([pkg, module]) => [`--alias:${pkg}`, module])),
    );
  });

  it('bundles a function in CDK exactly as lambdaBuildOptions bundles it', async () => {
    const handlerModule = 'auth/authorizer';
    const outdir = join(PROJECT_ROOT, 'node_modules', '.cache', 'function-bundling-cdk');
    rmSync(outdir, { recursive: true, force: true });
    const app = new App({ outdir });
    const stack = new Stack(app, 'BundlingCheck');
    new AppFunction(stack, 'Fn', { handlerModule });
    const assembly = app.synth();
    const assets = readdirSync(assembly.directory).filter((name) =>
      existsSync(join(assembly.directory, name, 'index.mjs')),
    );
    expect(assets).toHaveLength(1);
    const deployed = readFileSync(join(assembly.directory, assets[0]!, 'index.mjs'), 'utf8');

    const { outputFiles } = await build({
      ...lambdaBuildOptions(PROJECT_ROOT),
      entryPoints: [handlerEntry(handlerModule)],
      outfile: join(PROJECT_ROOT, 'bundle-check', 'index.mjs'),
      write: false,
    });
    const ours = outputFiles.find((file) => file.path.endsWith('index.mjs'))!.text;
    expect(ours.length).toBeGreaterThan(100_000);
    expect(ours).toBe(deployed);
  }, 120_000);
});
