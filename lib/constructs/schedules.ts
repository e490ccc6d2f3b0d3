import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type JobDef, type JobEvent, jobs as jobRegistry } from '../../shared/platform/jobs/registry';
import { acknowledge } from '../nag';
import type { HandlerFunctions } from './handler-functions';

export interface SchedulesProps {
  readonly functions: HandlerFunctions;
  /**
   * @default jobs from shared/platform/jobs/registry.ts
   */
  readonly jobs?: readonly JobDef[];
}

/** EventBridge retries a failed delivery this often, within JOB_MAX_EVENT_AGE. */
export const JOB_RETRY_ATTEMPTS = 2;
export const JOB_MAX_EVENT_AGE = Duration.hours(1);

/**
 * One EventBridge rule per scheduled job, invoking the job's handler with an empty JobEvent
 * (the job reads the clock itself; `now` is only set by /dev/jobs/{name}/run and tests).
 *
 * Nothing is dropped silently: each job has a dead-letter queue that receives both the events
 * EventBridge could not deliver after its retries (target DeadLetterConfig) and the
 * asynchronous invocations Lambda gave up on after its own retries (the function's
 * DeadLetterConfig). The Monitoring construct alarms on its depth. The function gets the
 * job's explicit memory and timeout (JobDef.memoryMb / timeoutSeconds).
 */
export class Schedules extends Construct {
  readonly rules: ReadonlyMap<string, Rule>;
  readonly deadLetterQueues: ReadonlyMap<string, Queue>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const rules = new Map<string, Rule>();
    const queues = new Map<string, Queue>();
    for (const job of props.jobs ?? jobRegistry) {
      if (rules.has(job.name)) throw new Error(`Duplicate job name ${job.name}`);
      const fn = props.functions.forModule(job.handler, {
        memoryMb: job.memoryMb,
        timeoutSeconds: job.timeoutSeconds,
      });
      const deadLetters = new Queue(this, `${job.name}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(
        deadLetters,
        'AwsSolutions-SQS3',
        `This queue is the dead-letter queue of the ${job.name} schedule and of its function's asynchronous invocations.`,
      );
      const cfnFunction = fn.node.defaultChild as CfnFunction;
      // A handler serving several jobs keeps the first job's queue for its own failures.
      if (cfnFunction.deadLetterConfig === undefined) {
        cfnFunction.deadLetterConfig = { targetArn: deadLetters.queueArn };
        deadLetters.grantSendMessages(fn);
      }
      const event: JobEvent = {};
      const rule = new Rule(this, `${job.name}Schedule`, {
        description: `Runs the ${job.name} job (${job.handler})`,
        schedule: Schedule.expression(job.schedule),
        targets: [
          new LambdaFunction(fn, {
            event: RuleTargetInput.fromObject(event),
            retryAttempts: JOB_RETRY_ATTEMPTS,
            maxEventAge: JOB_MAX_EVENT_AGE,
            deadLetterQueue: deadLetters,
          }),
        ],
      });
      rules.set(job.name, rule);
      queues.set(job.name, deadLetters);
    }
    this.rules = rules;
    this.deadLetterQueues = queues;
  }
}
