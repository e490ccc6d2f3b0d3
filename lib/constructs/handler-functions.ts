import { Duration, NestedStack, Stack } from 'aws-cdk-lib';
import type { WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IUsagePlan } from 'aws-cdk-lib/aws-apigateway';
import { Effect, Grant, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { PlanId } from '../../shared/accounts/plans';
import { acknowledgeGrantWildcards, acknowledgeWildcardResources } from '../nag';
import { type FunctionPermissions, PERMISSIONS, permissionsFor } from '../permissions';
import { AppFunction } from './app-function';

/** The End User Messaging resources the SMS functions use (see SmsCarrier). */
export interface SmsCarrierBinding {
  readonly carrier: 'eum' | 'sns';
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  readonly inboundTopicArn: string;
  /** `eum`: on-demand numbers are requested from End User Messaging. */
  readonly provisioning: 'manual' | 'eum';
}

/** Memory and timeout a handler asks for (RouteDef.memoryMb / timeoutSeconds). */
export interface FunctionTuning {
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

export interface HandlerFunctionsProps {
  readonly table: ITableV2;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly bucket: IBucket;
  /**
   * Sender address of every email (a verified SES identity in the deploying account).
   */
  readonly emailFrom: string;
  /** The web client's URL (links in emails, `PUBLIC_BASE_URL`). */
  readonly publicBaseUrl: string;
  /**
   * Outbound SMS queue for handlers with `sqsSend`.
   * @default - none; a handler asking for sqsSend fails the synth
   */
  readonly smsQueue?: IQueue;
  /**
   * The deployment's SMS destination allowlist and per-segment prices (JSON), for `smsPolicy`.
   * @default - the code defaults (shared/sms/pricing.ts)
   */
  readonly smsPolicy?: { readonly allowedCountries?: readonly string[]; readonly pricesJson?: string };
  /**
   * Webhook delivery queue for handlers with `webhookQueueSend`.
   * @default - none; a handler asking for it fails the synth
   */
  readonly webhookQueue?: IQueue;
  /**
   * KMS key of the webhook signing secrets for handlers with `webhookKey`.
   * @default - none; a handler asking for it fails the synth
   */
  readonly webhookKey?: IKey;
  /**
   * Handler module → permissions.
   * @default PERMISSIONS from lib/permissions.ts
   */
  readonly permissions?: Readonly<Record<string, FunctionPermissions>>;
}

/** `auth/register` → `AuthRegister`. */
const constructIdOf = (handlerModule: string): string =>
  handlerModule
    .split(/[/_-]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/** Bounded context of a handler module: its first path segment (`auth/register` → `auth`). */
export const contextOf = (handlerModule: string): string => handlerModule.split('/')[0] ?? handlerModule;

/**
 * One AppFunction per handler module, shared by every route, WebSocket route or job that
 * names the module, with exactly the grants and environment lib/permissions.ts gives it.
 *
 * Functions live in one nested stack per bounded context (`auth`, `accounts`, ...): each
 * function brings a role, a policy and a log group, and a single stack would pass
 * CloudFormation's 500-resource limit as the route table grows.
 *
 * The WebSocket stage and the usage plans are created after some functions (they need them
 * as integrations), so those two are bound late and applied to every function that asks.
 */
export class HandlerFunctions extends Construct {
  private readonly props: HandlerFunctionsProps;
  private readonly functions = new Map<string, AppFunction>();
  private readonly contextStacks = new Map<string, NestedStack>();
  private webSocketStage: WebSocketStage | undefined;
  private smsCarrier: SmsCarrierBinding | undefined;
  private usagePlanNames: Readonly<Record<PlanId, string>> | undefined;
  private usagePlans: readonly IUsagePlan[] = [];

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    this.props = props;
    this.node.addValidation({
      validate: () => {
        const errors: string[] = [];
        for (const fn of this.functions.values()) {
          const p = this.permissionsOf(fn.handlerModule);
          if (p.wsManage && !this.webSocketStage)
            errors.push(`${fn.handlerModule} needs wsManage but no WebSocket stage is bound`);
          if (p.apiKeys && !this.usagePlanNames)
            errors.push(`${fn.handlerModule} needs apiKeys but no usage plans are bound`);
        }
        return errors;
      },
    });
  }

  /** Every function created so far. */
  all(): AppFunction[] {
    return [...this.functions.values()];
  }

  /** The nested stacks holding the functions, by bounded context. */
  stacks(): ReadonlyMap<string, NestedStack> {
    return this.contextStacks;
  }

  private stackFor(handlerModule: string): NestedStack {
    const context = contextOf(handlerModule);
    let stack = this.contextStacks.get(context);
    if (!stack) {
      stack = new NestedStack(this, constructIdOf(context), {
        description: `SMSPROJ ${context} handlers`,
      });
      this.contextStacks.set(context, stack);
    }
    return stack;
  }

  /** The function of a handler module, created (with its grants) on first use. */
  forModule(handlerModule: string, tuning: FunctionTuning = {}): AppFunction {
    const existing = this.functions.get(handlerModule);
    if (existing) {
      this.applyTuning(existing, tuning);
      return existing;
    }
    const fn = new AppFunction(this.stackFor(handlerModule), constructIdOf(handlerModule), {
      handlerModule,
      memorySize: tuning.memoryMb,
      timeout: tuning.timeoutSeconds === undefined ? undefined : Duration.seconds(tuning.timeoutSeconds),
    });
    this.functions.set(handlerModule, fn);
    this.grant(fn, this.permissionsOf(handlerModule));
    return fn;
  }

  /** Functions with `smsVoice` get End User Messaging permissions on this account's resources. */
  bindSmsCarrier(binding: SmsCarrierBinding): void {
    this.smsCarrier = binding;
    for (const fn of this.functions.values()) {
      const p = this.permissionsOf(fn.handlerModule);
      if (p.smsVoice) this.grantSmsVoice(fn, p.smsVoice, binding);
    }
  }

  /** Functions with `wsManage` push through this stage (env WS_MANAGEMENT_ENDPOINT). */
  bindWebSocket(stage: WebSocketStage): void {
    this.webSocketStage = stage;
    for (const fn of this.functions.values()) {
      if (this.permissionsOf(fn.handlerModule).wsManage) this.grantWebSocket(fn, stage);
    }
  }

  /**
   * Functions with `apiKeys` get the usage plan names (env USAGE_PLAN_NAMES, JSON tier → name).
   * Names, not ids: a route handler that referenced a usage plan id would close a
   * CloudFormation dependency cycle (function → plan → stage → deployment → method → function),
   * so handlers resolve the ids once per cold start with apigateway:GET /usageplans.
   */
  bindUsagePlans(names: Readonly<Record<PlanId, string>>, plans: readonly IUsagePlan[] = []): void {
    this.usagePlanNames = names;
    this.usagePlans = plans;
    for (const fn of this.functions.values()) {
      if (this.permissionsOf(fn.handlerModule).apiKeys) this.grantApiKeys(fn, names);
    }
  }

  private permissionsOf(handlerModule: string) {
    return permissionsFor(handlerModule, this.props.permissions ?? PERMISSIONS);
  }

  private applyTuning(fn: AppFunction, tuning: FunctionTuning): void {
    const cfn = fn.node.defaultChild as CfnFunction;
    if (tuning.memoryMb !== undefined)
      cfn.memorySize = Math.max(Number(cfn.memorySize ?? 0), tuning.memoryMb);
    if (tuning.timeoutSeconds !== undefined)
      cfn.timeout = Math.max(Number(cfn.timeout ?? 0), tuning.timeoutSeconds);
  }

  private grant(fn: AppFunction, p: ReturnType<typeof permissionsFor>): void {
    const { props } = this;
    const role = fn.role!;
    fn.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl);

    if (p.table !== 'none') {
      fn.addEnvironment('TABLE_NAME', props.table.tableName);
      const grant = p.table === 'read' ? props.table.grantReadData(fn) : props.table.grantReadWriteData(fn);
      acknowledgeGrantWildcards(
        role,
        grant,
        'Queries on the table GSIs: index ARNs are <table>/index/<name>, granted by the L2 grant.',
      );
    }

    if (p.cognito) {
      fn.addEnvironment('USER_POOL_ID', props.userPool.userPoolId);
      fn.addEnvironment('USER_POOL_CLIENT_ID', props.userPoolClient.userPoolClientId);
      if (p.cognito.length > 0)
        props.userPool.grant(fn, ...p.cognito.map((action) => `cognito-idp:${action}`));
    }

    if (p.bucket) {
      fn.addEnvironment('BUCKET_NAME', props.bucket.bucketName);
      const grants =
        p.bucket === 'read'
          ? [props.bucket.grantRead(fn)]
          : p.bucket === 'readTag'
            ? [
                props.bucket.grantRead(fn),
                Grant.addToPrincipal({
                  grantee: fn,
                  actions: ['s3:PutObjectTagging'],
                  resourceArns: [props.bucket.arnForObjects('*')],
                }),
              ]
            : p.bucket === 'put'
              ? [props.bucket.grantPut(fn)]
              : [props.bucket.grantReadWrite(fn)];
      for (const grant of grants) {
        acknowledgeGrantWildcards(
          role,
          grant,
          'Object keys are generated per user at runtime (attachments/, exports/); the L2 bucket grant uses <bucket>/* and s3:GetObject*-style action groups.',
        );
      }
    }

    if (p.sesSend) {
      fn.addEnvironment('EMAIL_FROM', props.emailFrom);
      const stack = Stack.of(this);
      const grant = Grant.addToPrincipal({
        grantee: fn,
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resourceArns: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
        conditions: { StringEquals: { 'ses:FromAddress': props.emailFrom } },
      });
      acknowledgeGrantWildcards(
        fn.role!,
        grant,
        'SES checks the sender and, in the sandbox, every recipient identity; the From address is pinned by the ses:FromAddress condition.',
      );
    }

    if (p.sqsSend) {
      if (!props.smsQueue)
        throw new Error(`${fn.handlerModule} needs sqsSend but the stack has no SMS queue`);
      fn.addEnvironment('SMS_QUEUE_URL', props.smsQueue.queueUrl);
      props.smsQueue.grantSendMessages(fn);
    }

    if (p.webhookQueueSend) {
      if (!props.webhookQueue)
        throw new Error(`${fn.handlerModule} needs webhookQueueSend but the stack has no webhook queue`);
      fn.addEnvironment('WEBHOOK_QUEUE_URL', props.webhookQueue.queueUrl);
      props.webhookQueue.grantSendMessages(fn);
    }

    if (p.webhookKey) {
      if (!props.webhookKey)
        throw new Error(`${fn.handlerModule} needs webhookKey but the stack has no webhook key`);
      fn.addEnvironment('WEBHOOK_KEY_ID', props.webhookKey.keyArn);
      if (p.webhookKey === 'encrypt') props.webhookKey.grant(fn, 'kms:Encrypt');
      else props.webhookKey.grant(fn, 'kms:Decrypt');
    }

    if (p.smsPublish) {
      // Direct-to-phone publishes have no resource ARN; topics are explicitly denied.
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: [Stack.of(this).formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
        }),
      );
      const grant = Grant.addToPrincipal({ grantee: fn, actions: ['sns:Publish'], resourceArns: ['*'] });
      acknowledgeGrantWildcards(
        role,
        grant,
        'SNS Publish to a phone number has no resource ARN; publishing to any topic is denied by an explicit Deny.',
      );
    }

    if (p.smsPolicy) {
      const policy = props.smsPolicy ?? {};
      if (policy.allowedCountries)
        fn.addEnvironment('SMS_ALLOWED_COUNTRIES', policy.allowedCountries.join(','));
      if (policy.pricesJson) fn.addEnvironment('SMS_PRICES', policy.pricesJson);
    }

    if (p.smsVoice && this.smsCarrier) this.grantSmsVoice(fn, p.smsVoice, this.smsCarrier);
    if (p.wsManage && this.webSocketStage) this.grantWebSocket(fn, this.webSocketStage);
    if (p.apiKeys && this.usagePlanNames) this.grantApiKeys(fn, this.usagePlanNames);
  }

  /**
   * sms-voice actions only, only on this account's resources in this region: phone numbers
   * (requested at runtime, so `phone-number/*`), the deployment's configuration set, and for
   * RequestPhoneNumber the opt-out lists and pools it may reference.
   */
  private grantSmsVoice(
    fn: AppFunction,
    needs: readonly ('send' | 'provision')[],
    binding: SmsCarrierBinding,
  ): void {
    const stack = Stack.of(this);
    const arn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'sms-voice', resource, resourceName });
    fn.addEnvironment('SMS_CONFIGURATION_SET', binding.configurationSetName);
    fn.addEnvironment('SMS_CARRIER', binding.carrier);
    let grant: Grant | undefined;
    if (needs.includes('send') && binding.carrier === 'eum') {
      grant = Grant.addToPrincipal({
        grantee: fn,
        actions: ['sms-voice:SendTextMessage'],
        resourceArns: [arn('phone-number', '*'), binding.configurationSetArn],
      });
    }
    if (needs.includes('send') && binding.carrier === 'sns') {
      fn.addToRolePolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: [stack.formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
        }),
      );
      grant = Grant.addToPrincipal({ grantee: fn, actions: ['sns:Publish'], resourceArns: ['*'] });
    }
    if (needs.includes('provision')) {
      fn.addEnvironment('SMS_INBOUND_TOPIC_ARN', binding.inboundTopicArn);
      fn.addEnvironment('SMS_PROVISIONING', binding.provisioning);
      const provision = Grant.addToPrincipal({
        grantee: fn,
        actions: [
          'sms-voice:RequestPhoneNumber',
          'sms-voice:UpdatePhoneNumber',
          'sms-voice:ReleasePhoneNumber',
        ],
        resourceArns: [
          arn('phone-number', '*'),
          binding.configurationSetArn,
          arn('opt-out-list', '*'),
          arn('pool', '*'),
        ],
      });
      grant = grant ? grant.combine(provision) : provision;
    }
    if (grant) {
      acknowledgeGrantWildcards(
        fn.role!,
        grant,
        'Phone numbers are requested at runtime, so their ARNs are only known then: sms-voice actions are limited to this account and region (phone-number/*), and SNS SMS publishes (fallback) cannot reach topics (explicit Deny).',
      );
    }
  }

  private grantWebSocket(fn: AppFunction, stage: WebSocketStage): void {
    fn.addEnvironment('WS_MANAGEMENT_ENDPOINT', stage.callbackUrl);
    const grant = stage.grantManagementApiAccess(fn);
    acknowledgeGrantWildcards(
      fn.role!,
      grant,
      'Connection ids are only known at runtime; the grant is limited to @connections of this API stage.',
    );
  }

  private grantApiKeys(fn: AppFunction, names: Readonly<Record<PlanId, string>>): void {
    fn.addEnvironment('USAGE_PLAN_NAMES', JSON.stringify(names));
    const grant = apiKeyAdminGrant(fn);
    acknowledgeGrantWildcards(
      fn.role!,
      grant,
      'API key ids are generated by API Gateway at runtime: DeleteApiKey needs /apikeys/<id>.',
    );
    if (this.usagePlans.length === 0) return;
    // Membership of this stage's usage plans only. A policy of this (parent) stack, not the
    // role's default policy: the function depends on that one, and the plans depend (through
    // stage, deployment and methods) on the function.
    const stack = Stack.of(this);
    const path = (p: string) => stack.formatArn({ service: 'apigateway', account: '', resource: p });
    const planKeys = this.usagePlans.map((plan) => path(`/usageplans/${plan.usagePlanId}/keys`));
    const planKey = planKeys.map((arn) => `${arn}/*`);
    const policy = new Policy(this, `${fn.node.id}UsagePlanKeys`, {
      roles: [fn.role!],
      statements: [
        new PolicyStatement({ actions: ['apigateway:POST'], resources: planKeys }),
        new PolicyStatement({ actions: ['apigateway:DELETE'], resources: planKey }),
      ],
    });
    acknowledgeWildcardResources(
      policy,
      planKey,
      'Usage plan key ids are the API key ids generated at runtime; the plans are this stage’s.',
    );
  }
}

/**
 * API Gateway control-plane permissions to create and delete API keys and find the usage plans
 * (the plan membership grant, scoped to this stage's plans, is added by bindUsagePlans).
 * Resources are `arn:aws:apigateway:<region>::/...`.
 */
export function apiKeyAdminGrant(fn: AppFunction): Grant {
  const stack = Stack.of(fn);
  const path = (p: string) => stack.formatArn({ service: 'apigateway', account: '', resource: p });
  // The calls shared/accounts/gateway-keys.ts makes: CreateApiKey, DeleteApiKey, GetUsagePlans.
  return Grant.addToPrincipal({ grantee: fn, actions: ['apigateway:POST'], resourceArns: [path('/apikeys')] })
    .combine(
      Grant.addToPrincipal({
        grantee: fn,
        actions: ['apigateway:DELETE'],
        resourceArns: [path('/apikeys/*')],
      }),
    )
    .combine(
      Grant.addToPrincipal({ grantee: fn, actions: ['apigateway:GET'], resourceArns: [path('/usageplans')] }),
    );
}
