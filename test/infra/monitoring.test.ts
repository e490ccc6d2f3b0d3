import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { jobs } from '../../shared/platform/jobs/registry';
import { AppFunction } from '../../lib/constructs/app-function';
import { SMS_SEND_FAILURE_MESSAGES } from '../../lib/constructs/monitoring';
import { buildSmsProj } from '../../lib/app';
import { newApp, resourcesOf, synthesize } from './fixture';

type Resources = ReturnType<typeof resourcesOf>;

interface StackTemplate {
  readonly stack: Stack;
  readonly resources: Resources;
  /** Nested stack parameter name → the value its parent passes (parameters resolved to the parent). */
  readonly parameters: Record<string, unknown>;
}

/**
 * Every template of the app (both stacks and every nested stack), read as CloudFormation: the
 * checks below look only at resources, so a queue or function added anywhere, by anyone, is
 * held to the same rules.
 */
function allTemplates(stacks: readonly Stack[]): StackTemplate[] {
  const out: StackTemplate[] = [];
  const visit = (stack: Stack) => {
    const resources = resourcesOf(Template.fromStack(stack));
    let parameters: Record<string, unknown> = {};
    if (stack instanceof NestedStack && stack.nestedStackParent) {
      const parent = resourcesOf(Template.fromStack(stack.nestedStackParent));
      const id = stack.nestedStackParent.getLogicalId(stack.nestedStackResource as never);
      parameters = (parent[id]?.Properties?.Parameters ?? {}) as Record<string, unknown>;
    }
    out.push({ stack, resources, parameters });
    for (const child of stack.node.findAll())
      if (child instanceof NestedStack && child.nestedStackParent === stack) visit(child);
  };
  for (const stack of stacks) visit(stack);
  return out;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const getAttArn = (logicalId: string) => json({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** Logical ids of the queues of one template that serve as dead-letter queues. */
function deadLetterQueueIds(t: StackTemplate, all: readonly StackTemplate[]): string[] {
  const dlqProps = (r: Resources[string]): unknown[] => {
    const p = r.Properties ?? {};
    switch (r.Type) {
      case 'AWS::SQS::Queue':
      case 'AWS::SNS::Subscription':
        return [p.RedrivePolicy];
      case 'AWS::Events::Rule':
        return ((p.Targets ?? []) as { DeadLetterConfig?: unknown }[]).map((x) => x.DeadLetterConfig);
      case 'AWS::Lambda::Function':
        return [p.DeadLetterConfig];
      case 'AWS::Lambda::EventSourceMapping':
      case 'AWS::Lambda::EventInvokeConfig':
        return [p.DestinationConfig];
      default:
        return [];
    }
  };
  // References in this template, and in nested templates through the parameters passed to them.
  const refs: string[] = [];
  for (const other of all) {
    for (const r of Object.values(other.resources)) {
      for (const bag of dlqProps(r)) {
        let text = json(bag);
        for (const [name, value] of Object.entries(other.parameters))
          text = text.split(json({ Ref: name })).join(json(value));
        refs.push(text);
      }
    }
  }
  return Object.entries(t.resources)
    .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
    .map(([id]) => id)
    .filter((id) => /deadletter|dlq/i.test(id) || refs.some((text) => text.includes(getAttArn(id))));
}

const alarmsOf = (t: StackTemplate) =>
  Object.values(t.resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');

describe('monitoring', () => {
  const synth = synthesize({ alarmEmail: 'ops@example.com' });
  const templates = allTemplates([synth.stateful, synth.stateless]);

  it('has an alarm topic with the alarmEmail subscription, and every alarm notifies it', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    const alarms = templates.flatMap(alarmsOf);
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.Properties?.AlarmActions).toHaveLength(1);
  });

  it('finds the dead-letter queues it must (outbox, inbound SMS, one per schedule)', () => {
    const dlqs = templates.flatMap((t) => deadLetterQueueIds(t, templates));
    expect(dlqs.length).toBeGreaterThanOrEqual(2 + jobs.length);
  });

  it('alarms on the depth of every dead-letter queue in every template (> 0 messages)', () => {
    for (const t of templates) {
      for (const id of deadLetterQueueIds(t, templates)) {
        const match = alarmsOf(t).filter((a) => {
          const p = a.Properties ?? {};
          return (
            p.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            p.Namespace === 'AWS/SQS' &&
            json(p.Dimensions).includes(json({ 'Fn::GetAtt': [id, 'QueueName'] })) &&
            p.Threshold === 0 &&
            p.ComparisonOperator === 'GreaterThanThreshold'
          );
        });
        expect({ queue: `${t.stack.node.path}/${id}`, alarms: match.length }).toEqual({
          queue: `${t.stack.node.path}/${id}`,
          alarms: 1,
        });
      }
    }
  });

  it('alarms on errors and throttles of every application function (by context group)', () => {
    let functions = 0;
    for (const t of templates) {
      for (const [id, r] of Object.entries(t.resources)) {
        const env = (r.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables;
        if (r.Type !== 'AWS::Lambda::Function' || env?.SMSPROJ_RUNTIME !== 'aws') continue;
        functions++;
        for (const metricName of ['Errors', 'Throttles']) {
          const covering = alarmsOf(t).filter((a) => {
            const metrics = (a.Properties?.Metrics ?? []) as { MetricStat?: { Metric?: unknown } }[];
            return metrics.some((m) => {
              const metric = json(m.MetricStat?.Metric);
              return metric.includes(`"MetricName":"${metricName}"`) && metric.includes(json({ Ref: id }));
            });
          });
          expect({ fn: `${t.stack.node.path}/${id}`, metricName, alarms: covering.length }).toEqual({
            fn: `${t.stack.node.path}/${id}`,
            metricName,
            alarms: 1,
          });
        }
      }
    }
    expect(functions).toBe(synth.stateless.functions.all().length);
  });

  it('keeps every metric-math alarm within CloudWatch’s 10 metrics', () => {
    for (const alarm of templates.flatMap(alarmsOf)) {
      const metrics = (alarm.Properties?.Metrics ?? []) as { MetricStat?: unknown }[];
      expect(metrics.filter((m) => m.MetricStat).length).toBeLessThanOrEqual(10);
    }
  });

  it('alarms on the REST 5xx rate, WebSocket error rate, DynamoDB throttles and SMS send failures', () => {
    const t = synth.statelessTemplate;
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((a) => json(a));
    const alarmOn = (...needles: string[]) => alarms.filter((a) => needles.every((n) => a.includes(n)));
    expect(alarmOn('"MetricName":"5XXError"', '"Stat":"Average"', '"Threshold":0.05')).toHaveLength(1);
    expect(alarmOn('"MetricName":"ExecutionError"', '"MetricName":"IntegrationError"')).toHaveLength(1);
    expect(alarmOn('"MetricName":"ReadThrottleEvents"', '"MetricName":"WriteThrottleEvents"')).toHaveLength(
      1,
    );
    expect(alarmOn('"MetricName":"SmsSendFailures"', '"Namespace":"SMSPROJ/dev"')).toHaveLength(1);
    const worker = synth.templateOf(synth.stateless.functions.forModule('sms/send-worker'));
    const filters = json(worker.findResources('AWS::Logs::MetricFilter'));
    for (const message of SMS_SEND_FAILURE_MESSAGES) expect(filters).toContain(message);
  });

  it('draws the dashboard', () => {
    synth.statelessTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('picks up a dead-letter queue and a function group added after the stack was built', () => {
    const app = newApp();
    const { stateless } = buildSmsProj(app, { nag: false });
    new Queue(stateless, 'WebhookDlq');
    const fn = new AppFunction(new NestedStack(stateless, 'Webhooks'), 'WebhooksDispatch', {
      handlerModule: 'accounts/get-me',
    });
    const t = Template.fromStack(stateless);
    const id = stateless.getLogicalId(
      (stateless.node.findChild('WebhookDlq') as Queue).node.defaultChild as never,
    );
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }],
    });
    const alarms = JSON.stringify(Template.fromStack(Stack.of(fn)).findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toContain('"MetricName":"Errors"');
    expect(alarms).toContain('"MetricName":"Throttles"');
  });

  it('counts the log lines the SMS send worker writes when an SMS is not sent', () => {
    const worker = readFileSync(path.join(__dirname, '..', '..', 'shared', 'sms', 'worker.ts'), 'utf8');
    for (const message of SMS_SEND_FAILURE_MESSAGES) expect(worker).toContain(`'${message}'`);
  });
});
