import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { PlanId } from '../../shared/accounts/plans';
import type { RouteDef } from '../../shared/platform/http/route';
import type { JobDef } from '../../shared/platform/jobs/registry';
import type { WsRouteDef } from '../../shared/realtime/ws-routes';
import type { FunctionPermissions } from '../permissions';
import { ApiGatewayAccount } from '../constructs/api-gateway-account';
import { HandlerFunctions } from '../constructs/handler-functions';
import { SmsRestApi } from '../constructs/rest-api';
import { Schedules } from '../constructs/schedules';
import { Monitoring } from '../constructs/monitoring';
import { SMS_SEND_WORKER_HANDLER, SmsCarrier, SmsOutbox } from '../constructs/sms-messaging';
import { UsageMetering } from '../constructs/usage-metering';
import { WebHosting } from '../constructs/web-hosting';
import { WebhookDelivery, WebhookResources } from '../constructs/webhooks';
import { RealtimeApi } from '../constructs/websocket-api';
import { acknowledge } from '../nag';

export interface StatelessStackProps extends StackProps {
  readonly table: ITableV2;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly bucket: IBucket;
  /** Browser origins of the web client (CORS); the first is PUBLIC_BASE_URL. */
  readonly webOrigins: readonly string[];
  /** Verified SES identity every email is sent from. */
  readonly emailFrom: string;
  /**
   * Manage the account-level API Gateway CloudWatch role (needed once per account and region
   * for access logs).
   * @default true
   */
  readonly manageApiGatewayAccount?: boolean;
  /**
   * Monthly request quota per tier.
   * @default - none
   */
  readonly monthlyRequestQuota?: Partial<Readonly<Record<PlanId, number>>>;
  /**
   * SMS carrier and policy: `carrier` (End User Messaging v2 or the SNS fallback), destination
   * allowlist (also the protect configuration's) and per-segment prices (JSON by country).
   * @default End User Messaging; the code's default countries and prices (shared/sms/pricing.ts)
   */
  readonly sms?: {
    readonly carrier?: 'eum' | 'sns';
    readonly provisioning?: 'manual' | 'eum';
    readonly allowedCountries?: readonly string[];
    readonly pricesJson?: string;
  };
  /** Overrides for tests and experiments. @default the shared registries */
  readonly routes?: readonly RouteDef[];
  readonly wsRoutes?: readonly WsRouteDef[];
  readonly jobs?: readonly JobDef[];
  readonly permissions?: Readonly<Record<string, FunctionPermissions>>;
  /** Built web client to deploy. @default <repo>/web/dist */
  readonly webDistDir?: string;
  /**
   * Email address subscribed to the alarm topic.
   * @default - none (subscribe to the AlarmTopicArn output yourself)
   */
  readonly alarmEmail?: string;
  /** Stage name (metric namespace SMSPROJ/<stage>). @default 'dev' */
  readonly stage?: string;
}

/**
 * Everything that can be replaced without losing data: the REST and WebSocket APIs, one
 * function per handler module, schedules, usage metering and the SMS queue and topic.
 */
export class StatelessStack extends Stack {
  readonly functions: HandlerFunctions;
  readonly restApi: SmsRestApi;
  readonly realtime: RealtimeApi;
  readonly schedules: Schedules;
  readonly smsOutbox: SmsOutbox;
  readonly smsCarrier: SmsCarrier;
  readonly usageMetering: UsageMetering;
  readonly web: WebHosting;
  readonly monitoring: Monitoring;
  readonly webhookResources: WebhookResources;
  readonly webhookDelivery: WebhookDelivery;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const [webOrigin] = props.webOrigins;
    if (!webOrigin) throw new Error('StatelessStack needs at least one web origin');

    this.smsOutbox = new SmsOutbox(this, 'SmsOutbox');
    this.webhookResources = new WebhookResources(this, 'WebhookResources');
    this.functions = new HandlerFunctions(this, 'Functions', {
      table: props.table,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      bucket: props.bucket,
      emailFrom: props.emailFrom,
      publicBaseUrl: webOrigin,
      smsQueue: this.smsOutbox.queue,
      webhookQueue: this.webhookResources.queue,
      webhookKey: this.webhookResources.key,
      permissions: props.permissions,
      smsPolicy: {
        ...(props.sms?.allowedCountries ? { allowedCountries: props.sms.allowedCountries } : {}),
        ...(props.sms?.pricesJson ? { pricesJson: props.sms.pricesJson } : {}),
      },
    });

    this.realtime = new RealtimeApi(this, 'Realtime', { functions: this.functions, routes: props.wsRoutes });
    this.restApi = new SmsRestApi(this, 'Rest', {
      functions: this.functions,
      webOrigins: props.webOrigins,
      routes: props.routes,
      monthlyRequestQuota: props.monthlyRequestQuota,
    });
    this.usageMetering = new UsageMetering(this, 'UsageMetering', {
      functions: this.functions,
      accessLogs: this.restApi.accessLogs,
    });
    this.smsCarrier = new SmsCarrier(this, 'SmsCarrier', {
      functions: this.functions,
      outbox: this.smsOutbox,
      ...(props.sms?.carrier ? { carrier: props.sms.carrier } : {}),
      ...(props.sms?.provisioning ? { provisioning: props.sms.provisioning } : {}),
      ...(props.sms?.allowedCountries ? { allowedCountries: props.sms.allowedCountries } : {}),
    });
    this.webhookDelivery = new WebhookDelivery(this, 'WebhookDelivery', {
      functions: this.functions,
      resources: this.webhookResources,
      table: props.table,
    });
    this.schedules = new Schedules(this, 'Schedules', { functions: this.functions, jobs: props.jobs });

    if (props.manageApiGatewayAccount ?? true) {
      const account = new ApiGatewayAccount(this, 'ApiGatewayAccount');
      this.restApi.api.deploymentStage.node.addDependency(account.account);
      this.realtime.stage.node.addDependency(account.account);
    }

    this.web = new WebHosting(this, 'Web', {
      apiUrl: this.restApi.api.url.replace(/\/$/, ''),
      wsUrl: this.realtime.stage.url,
      logBucket: this.webLogs(),
      ...(props.webDistDir ? { distDir: props.webDistDir } : {}),
    });

    // Alarms and dashboard; dead-letter queues and function groups are discovered at synth.
    this.monitoring = new Monitoring(this, 'Monitoring', {
      alarmEmail: props.alarmEmail,
      namespace: `SMSPROJ/${props.stage ?? 'dev'}`,
      restApi: {
        apiName: this.restApi.api.restApiName,
        stageName: this.restApi.api.deploymentStage.stageName,
      },
      webSocketApi: { apiId: this.realtime.api.apiId, stageName: this.realtime.stage.stageName },
      tableName: props.table.tableName,
      smsSendWorkerLogs: this.functions.forModule(SMS_SEND_WORKER_HANDLER).logGroup,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: 'SNS topic every alarm notifies (subscribe more endpoints here)',
    });
  }

  /** CloudFront standard logs need ACLs: a bucket of their own, owner-preferred. */
  private webLogs(): Bucket {
    const logs = new Bucket(this, 'WebLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    acknowledge(
      logs,
      'AwsSolutions-S1',
      'This is the log target itself; logging it into another bucket would recurse.',
    );
    return logs;
  }
}
