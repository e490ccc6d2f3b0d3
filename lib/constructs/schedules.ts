import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { type JobDef, type JobEvent, jobs as jobRegistry } from '../../shared/jobs/registry';
import type { HandlerFunctions } from './handler-functions';

export interface SchedulesProps {
  readonly functions: HandlerFunctions;
  /**
   * @default jobs from shared/jobs/registry.ts
   */
  readonly jobs?: readonly JobDef[];
}

/**
 * One EventBridge rule per scheduled job, invoking the job's handler with an empty JobEvent
 * (the job reads the clock itself; `now` is only set by /dev/jobs/{name}/run and tests).
 */
export class Schedules extends Construct {
  readonly rules: ReadonlyMap<string, Rule>;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const rules = new Map<string, Rule>();
    for (const job of props.jobs ?? jobRegistry) {
      if (rules.has(job.name)) throw new Error(`Duplicate job name ${job.name}`);
      const event: JobEvent = {};
      const rule = new Rule(this, `${job.name}Schedule`, {
        description: `Runs the ${job.name} job (${job.handler})`,
        schedule: Schedule.expression(job.schedule),
        targets: [
          new LambdaFunction(props.functions.forModule(job.handler), {
            event: RuleTargetInput.fromObject(event),
            retryAttempts: 2,
            maxEventAge: Duration.hours(1),
          }),
        ],
      });
      rules.set(job.name, rule);
    }
    this.rules = rules;
  }
}
