import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { DataTableProps } from './constructs/data-table';
import { StatefulStack } from './stacks/stateful-stack';
import { StatelessStack, type StatelessStackProps } from './stacks/stateless-stack';

export interface SmsProjStacks {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export interface SmsProjAppOptions {
  /**
   * Deployment stage: a prefix of the stack names so several people can deploy side by side.
   * @default context `stage`, else 'dev'
   */
  readonly stage?: string;
  /** @default context `webOrigins` (comma-separated), else http://localhost:3000 */
  readonly webOrigins?: readonly string[];
  /** @default context `emailFrom`, else no-reply@smsproj.local */
  readonly emailFrom?: string;
  /** @default context `threatProtection` === 'true' */
  readonly threatProtection?: boolean;
  /** Email subscribed to the alarm topic. @default context `alarmEmail`, else none */
  readonly alarmEmail?: string;
  /** @default context `apiGatewayAccount` !== 'false' */
  readonly manageApiGatewayAccount?: boolean;
  /**
   * Run cdk-nag AwsSolutions as a validation plugin: any unacknowledged finding fails synth.
   * @default true
   */
  readonly nag?: boolean;
  readonly tableDefinition?: DataTableProps['definition'];
  /**
   * Account and region of both stacks. `cdk synth` sets CDK_DEFAULT_REGION (us-east-1 when
   * nothing is configured) and CDK_DEFAULT_ACCOUNT when credentials resolve.
   * @default from CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION; env-agnostic when neither is set
   */
  readonly env?: { readonly account?: string; readonly region?: string };
  /** Test and experiment overrides of the shared registries. */
  readonly stateless?: Pick<
    StatelessStackProps,
    'routes' | 'wsRoutes' | 'jobs' | 'permissions' | 'monthlyRequestQuota' | 'sms' | 'webDistDir'
  >;
}

const contextString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/**
 * The SMSPROJ CDK app: a stateful stack (table, user pool, bucket) and a stateless one (APIs,
 * functions, schedules). Environment-agnostic unless CDK_DEFAULT_ACCOUNT/REGION are set, so
 * `cdk synth` needs no credentials.
 */
export function buildSmsProj(app: App, options: SmsProjAppOptions = {}): SmsProjStacks {
  const stage = options.stage ?? contextString(app, 'stage') ?? 'dev';
  const webOrigins = options.webOrigins ??
    contextString(app, 'webOrigins')
      ?.split(',')
      .map((o) => o.trim()) ?? ['http://localhost:3000'];
  const emailFrom = options.emailFrom ?? contextString(app, 'emailFrom') ?? 'no-reply@smsproj.local';
  const threatProtection = options.threatProtection ?? contextString(app, 'threatProtection') === 'true';
  const alarmEmail = options.alarmEmail ?? contextString(app, 'alarmEmail');
  const manageApiGatewayAccount =
    options.manageApiGatewayAccount ?? contextString(app, 'apiGatewayAccount') !== 'false';

  const account = options.env ? options.env.account : process.env.CDK_DEFAULT_ACCOUNT;
  const region = options.env ? options.env.region : process.env.CDK_DEFAULT_REGION;
  const env = account || region ? { account, region } : undefined;

  const stateful = new StatefulStack(app, `smsproj-${stage}-stateful`, {
    env,
    description: `SMSPROJ ${stage}: data (table, user pool, bucket)`,
    webOrigins,
    threatProtection,
    tableDefinition: options.tableDefinition,
    stage,
  });
  const stateless = new StatelessStack(app, `smsproj-${stage}-stateless`, {
    env,
    description: `SMSPROJ ${stage}: APIs, functions, schedules`,
    table: stateful.table,
    userPool: stateful.identity.userPool,
    userPoolClient: stateful.identity.userPoolClient,
    bucket: stateful.storage.bucket,
    webOrigins,
    emailFrom,
    manageApiGatewayAccount,
    sms: {
      // -c smsCarrier=sns: the SNS Publish fallback; -c smsAllowedCountries=US,CA; -c smsPrices='{"US":1,"CA":1}'
      carrier: contextString(app, 'smsCarrier') === 'sns' ? 'sns' : 'eum',
      provisioning: contextString(app, 'smsProvisioning') === 'eum' ? 'eum' : 'manual',
      ...(contextString(app, 'smsAllowedCountries')
        ? {
            allowedCountries: contextString(app, 'smsAllowedCountries')!
              .split(',')
              .map((c) => c.trim()),
          }
        : {}),
      ...(contextString(app, 'smsPrices') ? { pricesJson: contextString(app, 'smsPrices')! } : {}),
    },
    stage,
    alarmEmail,
    ...options.stateless,
  });
  stateless.addStackDependency(stateful);

  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless };
}
