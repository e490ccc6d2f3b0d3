import { Match } from 'aws-cdk-lib/assertions';
import {
  OUTBOX_STREAM_CONSUMER_HANDLER,
  WEBHOOK_DELIVER_WORKER_HANDLER,
} from '../../lib/constructs/webhooks';
import { synthesize } from './fixture';

type Statement = { Action: string | string[]; Effect: string };
const actionsOf = (
  policies: Record<string, { Properties?: { PolicyDocument?: { Statement?: Statement[] } } }>,
) =>
  Object.values(policies).flatMap((p) =>
    (p.Properties?.PolicyDocument?.Statement ?? []).flatMap((s) =>
      Array.isArray(s.Action) ? s.Action : [s.Action],
    ),
  );

describe('webhooks and the transactional outbox', () => {
  const { stateless, statefulTemplate, statelessTemplate, templateOf } = synthesize();

  it('streams the table with both images (the outbox)', () => {
    statefulTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('encrypts webhook secrets with a customer managed key that rotates', () => {
    statelessTemplate.hasResourceProperties('AWS::KMS::Key', {
      Description: 'Encrypts webhook signing secrets',
      EnableKeyRotation: true,
    });
  });

  it('has a delivery queue with a DLQ, consumed by the worker with batch item failures', () => {
    statelessTemplate.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
    });
    const worker = stateless.functions.forModule(WEBHOOK_DELIVER_WORKER_HANDLER);
    templateOf(worker).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
    });
  });

  it('consumes the table stream with retries, bisect, an on-failure DLQ and an entity filter', () => {
    const consumer = stateless.functions.forModule(OUTBOX_STREAM_CONSUMER_HANDLER);
    templateOf(consumer).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 10,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [{ Pattern: Match.stringLikeRegexp('message.*verification.*ownedNumber') }],
      },
    });
  });

  it('grants kms:Encrypt only to create/rotate and kms:Decrypt only to the senders', () => {
    // One nested stack per context: collect what each policy in it grants by function.
    const webhooks = stateless.functions.forModule('webhooks/create-webhook');
    const policies = templateOf(webhooks).findResources('AWS::IAM::Policy');
    const byRole = Object.entries(policies).map(([id, p]) => [id, actionsOf({ [id]: p })] as const);
    const withDecrypt = byRole.filter(([, actions]) => actions.includes('kms:Decrypt')).map(([id]) => id);
    expect(withDecrypt.every((id) => /DeliverWorker|DeliverDue/.test(id))).toBe(true);
    const kmsOfRole = (pattern: RegExp) =>
      byRole
        .filter(([id]) => pattern.test(id))
        .flatMap(([, actions]) => actions.filter((a) => a.startsWith('kms:') && a !== 'kms:DescribeKey'));
    expect(kmsOfRole(/DeliverDue/)).toEqual(['kms:Decrypt']);
    const readers = ['webhooks/list-webhooks', 'webhooks/get-webhook', 'webhooks/list-deliveries'];
    for (const module of readers) {
      const fn = stateless.functions.forModule(module);
      const own = Object.entries(templateOf(fn).findResources('AWS::IAM::Policy')).filter(([id]) =>
        id.startsWith(fn.node.id),
      );
      expect(own.flatMap(([id, p]) => actionsOf({ [id]: p })).some((a) => a.startsWith('kms:'))).toBe(false);
    }
  });
});
