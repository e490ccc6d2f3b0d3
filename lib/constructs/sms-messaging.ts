import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { HandlerFunctions } from './handler-functions';

/** SQS consumer of the outbound queue (functions/sms/send-worker.ts). */
export const SMS_SEND_WORKER_HANDLER = 'sms/send-worker';
/** Subscriber of the two-way SMS topic (functions/sms/inbound.ts). */
export const SMS_INBOUND_HANDLER = 'sms/inbound';

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
}

/**
 * The carrier side of SMS (ARCHITECTURE.md "SMS flows"): the worker drains the outbound queue
 * and publishes through SNS / End User Messaging; two-way SMS arrive on an SNS topic the
 * inbound handler subscribes to. Point the phone numbers' two-way SMS at the `InboundTopicArn`
 * output (End User Messaging console or `UpdatePhoneNumber --two-way-channel-arn`).
 */
export class SmsCarrier extends Construct {
  readonly inboundTopic: Topic;
  /** Inbound SMS that could not be delivered to, or processed by, the inbound function. */
  readonly inboundDeadLetters: Queue;

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
    // Nothing dropped silently: SNS moves a message it could not deliver to the function (after
    // its retries) to this queue, and so does Lambda for an invocation that kept failing (the
    // function's DeadLetterConfig). Same stack as the subscription and the function.
    this.inboundDeadLetters = new Queue(Stack.of(inbound), 'SmsInboundDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    (inbound.node.defaultChild as CfnFunction).deadLetterConfig = {
      targetArn: this.inboundDeadLetters.queueArn,
    };
    this.inboundDeadLetters.grantSendMessages(inbound);
    new Subscription(Stack.of(inbound), 'SmsInboundSubscription', {
      topic: this.inboundTopic,
      protocol: SubscriptionProtocol.LAMBDA,
      endpoint: inbound.functionArn,
      deadLetterQueue: this.inboundDeadLetters,
    });
    inbound.addPermission('InboundTopicInvoke', {
      principal: new ServicePrincipal('sns.amazonaws.com'),
      sourceArn: this.inboundTopic.topicArn,
    });

    new CfnOutput(this, 'InboundTopicArn', {
      value: this.inboundTopic.topicArn,
      description: 'Two-way SMS destination for the platform phone numbers',
    });
  }
}
