import { FilterPattern, type ILogGroup, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Construct } from 'constructs';
import type { HandlerFunctions } from './handler-functions';

/** Handler module that counts API requests from the REST access log (shared/usage/access-log.ts). */
export const ACCESS_LOG_METERING_HANDLER = 'usage/aggregate-access-logs';

export interface UsageMeteringProps {
  readonly functions: HandlerFunctions;
  /** The REST API access-log group (JSON lines with requestTimeEpoch, status, userId, keyId). */
  readonly accessLogs: ILogGroup;
  /**
   * @default ACCESS_LOG_METERING_HANDLER
   */
  readonly handler?: string;
}

/**
 * API-request metering off the request path: a CloudWatch Logs subscription delivers the REST
 * access-log records to the metering function in batches.
 */
export class UsageMetering extends Construct {
  readonly subscription: SubscriptionFilter;

  constructor(scope: Construct, id: string, props: UsageMeteringProps) {
    super(scope, id);
    this.subscription = new SubscriptionFilter(this, 'AccessLogSubscription', {
      logGroup: props.accessLogs,
      destination: new LambdaDestination(
        props.functions.forModule(props.handler ?? ACCESS_LOG_METERING_HANDLER),
      ),
      filterPattern: FilterPattern.allEvents(),
    });
  }
}
