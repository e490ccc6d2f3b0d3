import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { FUNCTION_ENVIRONMENT, LAMBDA_BUNDLE } from './function-environment';

/** Repository root: handler entries, package-lock.json and tsconfig.json live here. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** functions/<module>.ts for a handler module name such as `auth/register`. */
export const handlerEntry = (handlerModule: string): string =>
  path.join(PROJECT_ROOT, 'functions', `${handlerModule}.ts`);

/** NodejsFunction's bundling options, from the one definition of how functions are bundled (LAMBDA_BUNDLE). */
export function appFunctionBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: LAMBDA_BUNDLE.target,
    platform: LAMBDA_BUNDLE.platform,
    minify: LAMBDA_BUNDLE.minify,
    sourceMap: LAMBDA_BUNDLE.sourceMap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    banner: LAMBDA_BUNDLE.banner,
    externalModules: [...LAMBDA_BUNDLE.externalModules],
    tsconfig: path.join(PROJECT_ROOT, 'tsconfig.json'),
    // esbuild runs in PROJECT_ROOT, so the module paths resolve from there (`--alias:pkg=module`).
    esbuildArgs: Object.fromEntries(
      Object.entries(LAMBDA_BUNDLE.aliases).map(([pkg, module]) => [`--alias:${pkg}`, module]),
    ),
  };
}

export interface AppFunctionProps {
  /** Handler module below functions/, without extension (`accounts/get-me`). */
  readonly handlerModule: string;
  /**
   * Memory in MB.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Timeout.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * Extra environment variables, merged over the defaults.
   * @default - only the defaults ({@link FUNCTION_ENVIRONMENT})
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Retention of the function's log group.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the log group when the stack is deleted. Personal stages come and go, so
   * logs of a deleted stage are not kept by default.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * A Lambda handler with the project's defaults: Node.js 22 on arm64, one esbuild ESM bundle
 * (minified, source map in the asset but not loaded at runtime), X-Ray tracing, an explicit log group with retention and an
 * explicit role that may only write to that log group. Grants come from lib/permissions.ts.
 */
export class AppFunction extends NodejsFunction {
  readonly handlerModule: string;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // An explicit role instead of AWSLambdaBasicExecutionRole: logs only to its own group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.handlerModule}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: handlerEntry(props.handlerModule),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      environment: { ...FUNCTION_ENVIRONMENT, ...props.environment },
      bundling: appFunctionBundling(),
    });
    this.handlerModule = props.handlerModule;

    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords do not support resource-level permissions (tracing: ACTIVE).',
    );
    acknowledge(
      this,
      'AwsSolutions-L1',
      'Node.js 22 is the runtime the project targets (ARCHITECTURE.md); moving to a newer runtime is a deliberate upgrade.',
    );
  }
}
