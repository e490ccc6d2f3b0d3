import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { CfnConfigurationSet, CfnProtectConfiguration } from 'aws-cdk-lib/aws-smsvoice';
import { Construct } from 'constructs';
import { getCountries } from 'libphonenumber-js/max';
import type { AppFunction } from './app-function';
import type { HandlerFunctions } from './handler-functions';

/** SQS consumer of the outbound queue (functions/sms/send-worker.ts). */
export const SMS_SEND_WORKER_HANDLER = 'sms/send-worker';
/** Subscriber of the two-way SMS topic (functions/sms/inbound.ts). */
export const SMS_INBOUND_HANDLER = 'sms/inbound';
/** Subscriber of the configuration set's event destination (functions/sms/receipts.ts). */
export const SMS_RECEIPTS_HANDLER = 'sms/receipts';

/** The marketplace countries: the default destination allowlist. */
export const DEFAULT_SMS_COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR'] as const;

/**
 * Protect configuration rules: ALLOW for the allowed destinations and BLOCK for every other
 * country with a numbering plan, so the account cannot text anywhere else even if the
 * platform's own check were bypassed.
 */
export function protectCountryRules(
  allowed: readonly string[],
): CfnProtectConfiguration.CountryRuleProperty[] {
  const allow = new Set(allowed);
  return [...new Set([...getCountries(), ...allowed])].sort().map((countryCode) => ({
    countryCode,
    protectStatus: allow.has(countryCode) ? 'ALLOW' : 'BLOCK',
  }));
}

/** Queue of outbound SMS; created before the functions that enqueue (env SMS_QUEUE_URL). */
export class SmsOutbox extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the worker's timeout, as Lambda recommends for SQS event sources.
      visibilityTimeout: Duration.seconds(60),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
  }
}

export interface SmsCarrierProps {
  readonly functions: HandlerFunctions;
  readonly outbox: SmsOutbox;
  /**
   * Concurrent send workers. Origination numbers send 1-3 SMS per second (US 10DLC / toll-free),
   * so a couple of workers keep up; SNS throttling errors go back to the queue.
   * @default 2
   */
  readonly maxSendConcurrency?: number;
  /**
   * Destination countries the protect configuration allows (all others are blocked).
   * @default DEFAULT_SMS_COUNTRIES
   */
  readonly allowedCountries?: readonly string[];
  /**
   * The carrier the send worker uses: End User Messaging v2 `SendTextMessage` or the SNS
   * `Publish` fallback (no delivery receipts).
   * @default 'eum'
   */
  readonly carrier?: 'eum' | 'sns';
  /**
   * `eum`: purchases of on-demand numbers request them from End User Messaging.
   * @default 'manual' (imported inventory only)
   */
  readonly provisioning?: 'manual' | 'eum';
}

/**
 * The carrier side of SMS (ARCHITECTURE.md "SMS flows"): the worker drains the outbound queue
 * and publishes through SNS / End User Messaging; two-way SMS arrive on an SNS topic the
 * inbound handler subscribes to. Point the phone numbers' two-way SMS at the `InboundTopicArn`
 * output (End User Messaging console or `UpdatePhoneNumber --two-way-channel-arn`).
 */
export class SmsCarrier extends Construct {
  readonly inboundTopic: Topic;
  /** End User Messaging events (delivery receipts) of the configuration set. */
  readonly eventsTopic: Topic;
  readonly configurationSet: CfnConfigurationSet;
  readonly protectConfiguration: CfnProtectConfiguration;
  /** Inbound SMS that could not be delivered to, or processed by, the inbound function. */
  readonly inboundDeadLetters: Queue;
  /** Delivery receipts that could not be delivered to, or processed by, the receipts function. */
  readonly receiptDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: SmsCarrierProps) {
    super(scope, id);

    const worker = props.functions.forModule(SMS_SEND_WORKER_HANDLER);
    worker.addEventSource(
      new SqsEventSource(props.outbox.queue, {
        batchSize: 10,
        maxConcurrency: props.maxSendConcurrency ?? 2,
        // One failed SMS is retried alone (the worker returns batchItemFailures).
        reportBatchItemFailures: true,
      }),
    );

    // End User Messaging publishes to the topic, so the topic key must be a customer managed
    // key it may use (an AWS managed key cannot be shared with a service principal).
    const key = new Key(this, 'InboundKey', {
      description: 'Encrypts the two-way SMS topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    const smsVoice = new ServicePrincipal('sms-voice.amazonaws.com');
    const account = Stack.of(this).account;
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [smsVoice],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.inboundTopic = new Topic(this, 'InboundTopic', {
      displayName: 'SMSPROJ inbound SMS',
      masterKey: key,
      enforceSSL: true,
    });
    this.inboundTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [smsVoice],
        actions: ['sns:Publish'],
        resources: [this.inboundTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    // What LambdaSubscription does, minus its explicit stack dependency: the function sits in
    // a nested stack, which must not depend on this (parent) stack; the topic ARN reaches it
    // as a parameter.
    const inbound = props.functions.forModule(SMS_INBOUND_HANDLER);
    this.inboundDeadLetters = subscribe(this.inboundTopic, inbound, 'SmsInbound', 'InboundTopicInvoke');

    // Delivery receipts: configuration set -> event destination (SNS topic) -> sms/receipts.
    this.eventsTopic = new Topic(this, 'EventsTopic', {
      displayName: 'SMSPROJ SMS delivery events',
      masterKey: key,
      enforceSSL: true,
    });
    this.eventsTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [smsVoice],
        actions: ['sns:Publish'],
        resources: [this.eventsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    const receipts = props.functions.forModule(SMS_RECEIPTS_HANDLER);
    this.receiptDeadLetters = subscribe(this.eventsTopic, receipts, 'SmsReceipts', 'EventsTopicInvoke');

    this.protectConfiguration = new CfnProtectConfiguration(this, 'ProtectConfiguration', {
      countryRuleSet: { sms: protectCountryRules(props.allowedCountries ?? DEFAULT_SMS_COUNTRIES) },
      deletionProtectionEnabled: false,
    });
    this.configurationSet = new CfnConfigurationSet(this, 'ConfigurationSet', {
      protectConfigurationId: this.protectConfiguration.attrProtectConfigurationId,
      eventDestinations: [
        {
          eventDestinationName: 'delivery-receipts',
          enabled: true,
          matchingEventTypes: ['TEXT_ALL'],
          snsDestination: { topicArn: this.eventsTopic.topicArn },
        },
      ],
    });

    props.functions.bindSmsCarrier({
      carrier: props.carrier ?? 'eum',
      configurationSetName: this.configurationSet.ref,
      configurationSetArn: this.configurationSet.attrArn,
      inboundTopicArn: this.inboundTopic.topicArn,
      provisioning: props.provisioning ?? 'manual',
    });

    new CfnOutput(this, 'InboundTopicArn', {
      value: this.inboundTopic.topicArn,
      description: 'Two-way SMS destination for the platform phone numbers',
    });
  }
}

/**
 * A Lambda subscription of `fn` (in its nested stack) to `topic` (in this stack), with the invoke
 * permission. Nothing is dropped silently: SNS moves a message it could not deliver to the
 * function (after its retries) to the returned queue, and so does Lambda for an invocation that
 * kept failing (the function's DeadLetterConfig). Same stack as the subscription and the function.
 */
function subscribe(topic: Topic, fn: AppFunction, id: string, permissionId: string): Queue {
  const deadLetters = new Queue(Stack.of(fn), `${id}DeadLetters`, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  (fn.node.defaultChild as CfnFunction).deadLetterConfig = { targetArn: deadLetters.queueArn };
  deadLetters.grantSendMessages(fn);
  new Subscription(Stack.of(fn), `${id}Subscription`, {
    topic,
    protocol: SubscriptionProtocol.LAMBDA,
    endpoint: fn.functionArn,
    deadLetterQueue: deadLetters,
  });
  fn.addPermission(permissionId, {
    principal: new ServicePrincipal('sns.amazonaws.com'),
    sourceArn: topic.topicArn,
  });
  return deadLetters;
}
