import { Aspects, AspectPriority, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnEventSourceMapping, CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { CfnQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { CfnRule } from 'aws-cdk-lib/aws-events';
import { Construct, type IConstruct } from 'constructs';
import { AppFunction } from './app-function';
import { contextOf } from './handler-functions';

/** CloudWatch allows at most 10 metrics in one metric-math alarm. */
export const MAX_METRICS_PER_ALARM = 10;

/** Construct ids that name a dead-letter queue. */
const DLQ_NAME = /dead-?letter|dlq/i;

/**
 * Log lines of the SMS send worker (shared/sms/worker.ts) that mean an SMS was not sent: the
 * carrier refused it, or the job could not be read. Counted into the SmsSendFailures metric.
 */
export const SMS_SEND_FAILURE_MESSAGES = ['Carrier refused the SMS', 'Dropping a malformed SMS job'] as const;

export interface MonitoringProps {
  /** Email address subscribed to the alarm topic (context `alarmEmail`). @default - no subscription */
  readonly alarmEmail?: string;
  /** Metric namespace of the platform's own metrics. */
  readonly namespace: string;
  /** REST API name and stage (AWS/ApiGateway ApiName/Stage dimensions). */
  readonly restApi?: { readonly apiName: string; readonly stageName: string };
  /** WebSocket API id and stage (AWS/ApiGateway ApiId/Stage dimensions). */
  readonly webSocketApi?: { readonly apiId: string; readonly stageName: string };
  /** The table (AWS/DynamoDB TableName). */
  readonly tableName?: string;
  /** Log group of the SMS send worker. */
  readonly smsSendWorkerLogs?: ILogGroup;
  /**
   * 5xx share of requests above which the API alarms fire.
   * @default 0.05 (5 %)
   */
  readonly serverErrorRate?: number;
}

/** A function group: the functions of one bounded context, at most 10 per alarm. */
export interface FunctionGroup {
  readonly name: string;
  readonly functions: readonly LambdaFunction[];
}

const walk = (scope: IConstruct): IConstruct[] => scope.node.findAll();

/** True when `value` (a CloudFormation property bag, tokens unresolved) mentions `token`. */
function mentions(value: unknown, token: string, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return value.includes(token);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((v) => mentions(v, token, seen));
  return Object.values(value as Record<string, unknown>).some((v) => mentions(v, token, seen));
}

/**
 * Every SQS queue below `scope` that serves as a dead-letter queue: named so (`*DeadLetters`,
 * `*Dlq`), the redrive target of another queue or an SNS subscription, the DeadLetterConfig of
 * an EventBridge target or a function, or the on-failure destination of an event source mapping.
 */
export function discoverDeadLetterQueues(scope: IConstruct): Queue[] {
  const nodes = walk(scope);
  const queues = nodes.filter((n): n is Queue => n instanceof Queue);
  const bags: unknown[] = [];
  for (const n of nodes) {
    if (n instanceof CfnQueue) bags.push(n.redrivePolicy);
    if (n instanceof CfnSubscription) bags.push(n.redrivePolicy);
    if (n instanceof CfnRule) bags.push(n.targets);
    if (n instanceof CfnFunction) bags.push(n.deadLetterConfig);
    if (n instanceof CfnEventSourceMapping) bags.push(n.destinationConfig);
  }
  for (const q of queues) if (q.deadLetterQueue) bags.push(q.deadLetterQueue.queue.queueArn);
  return queues.filter((q) => DLQ_NAME.test(q.node.id) || bags.some((bag) => mentions(bag, q.queueArn)));
}

/** CDK's own custom-resource handlers are not application functions. */
const isCdkInternal = (fn: LambdaFunction): boolean =>
  fn.node.scopes.some((s) =>
    /^(Custom::|SingletonLambda|LogRetention|AWS679f53fac002430cb0da5b7982bd2287)/.test(s.node.id),
  );

/** Application functions below `scope`, grouped by bounded context, in groups of at most 10. */
export function discoverFunctionGroups(scope: IConstruct): FunctionGroup[] {
  // Grouped by (stack, context): a group's alarms live in its functions' own stack.
  const byContext = new Map<string, LambdaFunction[]>();
  for (const n of walk(scope)) {
    if (!(n instanceof LambdaFunction) || isCdkInternal(n)) continue;
    const context = n instanceof AppFunction ? contextOf(n.handlerModule) : Stack.of(n).node.id;
    const key = `${context}@${Stack.of(n).node.path}`;
    byContext.set(key, [...(byContext.get(key) ?? []), n]);
  }
  const contexts = [...byContext.keys()].map((k) => k.split('@')[0]);
  const groups: FunctionGroup[] = [];
  for (const [key, fns] of [...byContext].sort(([a], [b]) => a.localeCompare(b))) {
    const [bare = key] = key.split('@');
    const context =
      contexts.filter((c) => c === bare).length > 1 ? `${bare}-${Stack.of(fns[0]!).node.id}` : bare;
    for (let i = 0; i < fns.length; i += MAX_METRICS_PER_ALARM) {
      const part = i / MAX_METRICS_PER_ALARM;
      groups.push({
        name: part === 0 ? context : `${context}-${part + 1}`,
        functions: fns.slice(i, i + MAX_METRICS_PER_ALARM),
      });
    }
  }
  return groups;
}

const pascal = (s: string): string =>
  s
    .split(/[^A-Za-z0-9]/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');

/**
 * Alarms and a dashboard for the stack it is created in. What to watch is discovered when the
 * app is synthesized (after every construct of the stack exists), so a queue or function added
 * later anywhere in the stack, nested stacks included, is covered without touching this file:
 *  - every dead-letter queue: depth > 0 (alarm in the queue's own stack);
 *  - every function group (bounded context, ≤ 10 functions per alarm): errors and throttles
 *    (alarms in the functions' nested stack);
 *  - REST 5xx rate, WebSocket error rate, DynamoDB throttled requests, SMS send failures.
 * Every alarm notifies the alarm topic (KMS-encrypted; email subscription with `alarmEmail`).
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;
  private readonly props: MonitoringProps;
  private discovered = false;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.props = props;
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'SMSPROJ alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operations`,
    });

    // Discover once the stack's construct tree is complete: the aspect visits the stack first.
    const stack = Stack.of(this);
    Aspects.of(stack).add(
      {
        visit: (node) => {
          if (node === stack) this.discover();
        },
      },
      { priority: AspectPriority.MUTATING },
    );
  }

  private alarm(scope: Construct, id: string, props: ConstructorParameters<typeof Alarm>[2]): Alarm {
    const alarm = new Alarm(scope, id, { treatMissingData: TreatMissingData.NOT_BREACHING, ...props });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /** Creates the alarms and dashboard widgets. Idempotent. */
  discover(): void {
    if (this.discovered) return;
    this.discovered = true;
    const stack = Stack.of(this);
    const period = Duration.minutes(5);

    const dlqMetrics: IMetric[] = [];
    for (const queue of discoverDeadLetterQueues(stack)) {
      const metric = queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' });
      dlqMetrics.push(metric.with({ label: queue.node.path.replace(`${stack.node.path}/`, '') }));
      this.alarm(queue, 'DepthAlarm', {
        alarmDescription: `Messages in the dead-letter queue ${queue.node.path}: something was not processed.`,
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    const errorMetrics: IMetric[] = [];
    const throttleMetrics: IMetric[] = [];
    for (const [g, group] of discoverFunctionGroups(stack).entries()) {
      const host = Stack.of(group.functions[0]!);
      const scope = host === stack ? this : host;
      const sum = (metricName: string) =>
        new MathExpression({
          // Ids unique across groups: the dashboard graphs every group's expression together.
          expression: `SUM([${group.functions.map((_, i) => `g${g}f${i}`).join(',')}])`,
          usingMetrics: Object.fromEntries(
            group.functions.map((fn, i) => [
              `g${g}f${i}`,
              fn.metric(metricName, { period, statistic: 'Sum' }),
            ]),
          ),
          label: `${group.name} ${metricName}`,
          period,
        });
      const errors = sum('Errors');
      const throttles = sum('Throttles');
      errorMetrics.push(errors);
      throttleMetrics.push(throttles);
      this.alarm(scope, `${pascal(group.name)}FunctionErrorsAlarm`, {
        alarmDescription: `Lambda errors in the ${group.name} functions.`,
        metric: errors,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      this.alarm(scope, `${pascal(group.name)}FunctionThrottlesAlarm`, {
        alarmDescription: `Lambda throttles in the ${group.name} functions.`,
        metric: throttles,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    const rate = this.props.serverErrorRate ?? 0.05;
    const apiWidgets: GraphWidget[] = [];
    if (this.props.restApi) {
      const dims = { ApiName: this.props.restApi.apiName, Stage: this.props.restApi.stageName };
      // Average of 5XXError is the share of requests that ended in a 5xx.
      const serverErrors = new Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5XXError',
        dimensionsMap: dims,
        statistic: 'Average',
        period,
        label: 'REST 5xx rate',
      });
      this.alarm(this, 'Rest5xxRateAlarm', {
        alarmDescription: `More than ${rate * 100} % of REST requests answered 5xx.`,
        metric: serverErrors,
        threshold: rate,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      });
      apiWidgets.push(new GraphWidget({ title: 'REST 5xx rate', left: [serverErrors], width: 8 }));
    }
    if (this.props.webSocketApi) {
      const dims = { ApiId: this.props.webSocketApi.apiId, Stage: this.props.webSocketApi.stageName };
      const m = (metricName: string) =>
        new Metric({
          namespace: 'AWS/ApiGateway',
          metricName,
          dimensionsMap: dims,
          statistic: 'Sum',
          period,
        });
      // WebSocket APIs have no 5XXError: failed integrations and execution errors per message/connect.
      const wsRate = new MathExpression({
        expression: 'IF((c + n) > 0, (e + i) / (c + n), 0)',
        usingMetrics: {
          e: m('ExecutionError'),
          i: m('IntegrationError'),
          c: m('ConnectCount'),
          n: m('MessageCount'),
        },
        label: 'WebSocket error rate',
        period,
      });
      this.alarm(this, 'WebSocketErrorRateAlarm', {
        alarmDescription: `More than ${rate * 100} % of WebSocket connects/messages failed in the integration.`,
        metric: wsRate,
        threshold: rate,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      });
      apiWidgets.push(new GraphWidget({ title: 'WebSocket error rate', left: [wsRate], width: 8 }));
    }
    if (this.props.tableName) {
      const m = (metricName: string) =>
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: this.props.tableName ?? '' },
          statistic: 'Sum',
          period,
        });
      const throttled = new MathExpression({
        expression: 'r + w',
        usingMetrics: { r: m('ReadThrottleEvents'), w: m('WriteThrottleEvents') },
        label: 'DynamoDB throttled requests',
        period,
      });
      this.alarm(this, 'DynamoDbThrottlesAlarm', {
        alarmDescription: 'DynamoDB throttled reads or writes on the table.',
        metric: throttled,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      apiWidgets.push(new GraphWidget({ title: 'DynamoDB throttled requests', left: [throttled], width: 8 }));
    }
    if (this.props.smsSendWorkerLogs) {
      const filter = this.props.smsSendWorkerLogs.addMetricFilter('SmsSendFailures', {
        filterPattern: FilterPattern.any(
          ...SMS_SEND_FAILURE_MESSAGES.map((message) => FilterPattern.stringValue('$.message', '=', message)),
        ),
        metricNamespace: this.props.namespace,
        metricName: 'SmsSendFailures',
        metricValue: '1',
        defaultValue: 0,
      });
      const failures = filter.metric({ statistic: 'Sum', period, label: 'SMS send failures' });
      this.alarm(this, 'SmsSendFailuresAlarm', {
        alarmDescription: 'SMS the carrier refused (or jobs that could not be read) in the send worker.',
        metric: failures,
        threshold: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      apiWidgets.push(new GraphWidget({ title: 'SMS send failures', left: [failures], width: 8 }));
    }

    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: [...this.alarms], width: 24 }),
    );
    if (dlqMetrics.length > 0)
      this.dashboard.addWidgets(
        new GraphWidget({ title: 'Dead-letter queue depth', left: dlqMetrics, width: 24 }),
      );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Lambda errors by context', left: errorMetrics, width: 12 }),
      new GraphWidget({ title: 'Lambda throttles by context', left: throttleMetrics, width: 12 }),
    );
    if (apiWidgets.length > 0) this.dashboard.addWidgets(...apiWidgets);
  }
}
