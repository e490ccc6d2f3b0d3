import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ROUTED_ENTITIES } from '../../shared/platform/outbox/routed-entities';
import { acknowledge } from '../nag';
import type { HandlerFunctions } from './handler-functions';

/** SQS consumer of the delivery queue (functions/webhooks/deliver-worker.ts). */
export const WEBHOOK_DELIVER_WORKER_HANDLER = 'webhooks/deliver-worker';
/** DynamoDB stream consumer (functions/platform/outbox-stream-consumer.ts). */
export const OUTBOX_STREAM_CONSUMER_HANDLER = 'platform/outbox-stream-consumer';

/**
 * What must exist before the functions (their environment names it): the KMS key of the
 * webhook signing secrets (rotation on) and the delivery queue with its DLQ.
 */
export class WebhookResources extends Construct {
  readonly key: Key;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'SecretsKey', {
      description: 'Encrypts webhook signing secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deadLetterQueue = new Queue(this, 'DeliveryDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'DeliveryQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the worker timeout (a 10 s POST plus bookkeeping), as Lambda recommends.
      visibilityTimeout: Duration.seconds(180),
      // Poison jobs (a worker crashing on them): retries of a failing receiver are not SQS
      // receives but new delayed messages, so 5 receives is never a failing endpoint.
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
  }
}

export interface WebhookDeliveryProps {
  readonly functions: HandlerFunctions;
  readonly resources: WebhookResources;
  /** The single table, with its stream (NEW_AND_OLD_IMAGES). */
  readonly table: ITableV2;
  /**
   * Concurrent delivery workers.
   * @default 10
   */
  readonly maxDeliveryConcurrency?: number;
}

/**
 * The transactional outbox and webhook delivery (API.md "v1.1 Webhooks"):
 * - the table's stream feeds the outbox consumer (retries, bisect on error, on-failure DLQ,
 *   filtered to the item types that produce work);
 * - the delivery queue feeds the delivery worker.
 */
export class WebhookDelivery extends Construct {
  readonly outboxDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    const worker = props.functions.forModule(WEBHOOK_DELIVER_WORKER_HANDLER, { timeoutSeconds: 30 });
    worker.addEventSource(
      new SqsEventSource(props.resources.queue, {
        batchSize: 10,
        maxConcurrency: props.maxDeliveryConcurrency ?? 10,
        reportBatchItemFailures: true,
      }),
    );

    this.outboxDeadLetterQueue = new Queue(this, 'OutboxDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.outboxDeadLetterQueue,
      'AwsSolutions-SQS3',
      "This queue IS a DLQ: the stream event source's on-failure destination (records that exhausted their retries).",
    );
    const consumer = props.functions.forModule(OUTBOX_STREAM_CONSUMER_HANDLER, { timeoutSeconds: 60 });
    consumer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.millis(0),
        retryAttempts: 10,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.outboxDeadLetterQueue),
        filters: [
          FilterCriteria.filter({
            dynamodb: { NewImage: { __edb_e__: { S: FilterRule.or(...ROUTED_ENTITIES) } } },
          }),
        ],
      }),
    );
  }
}
