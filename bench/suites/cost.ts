/**
 * Cost model (issue 9): USD per million of each billable operation, from the capacity units and
 * durations this run measured and AWS's published on-demand prices. Every figure is the sum of
 * named components, so RESULTS.md can show where the money goes.
 */
import type { SmsPrice } from '../../shared/sms/pricing';
import type { MeteringResult } from './metering';
import type { OperationFigure } from './operations';

/** us-east-1 list prices (USD), as published in 2024 (DynamoDB after its November 2024 on-demand price cut). */
export const PRICES = {
  region: 'us-east-1',
  asOf: '2024 list prices (DynamoDB on-demand as reduced on 1 November 2024); checked for this bench in 2026, not refreshed automatically',
  dynamoDbWriteRequestUnitPerMillion: 0.625,
  dynamoDbReadRequestUnitPerMillion: 0.125,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  apiGatewayRestRequestPerMillion: 3.5,
  webSocketMessagePerMillion: 1.0,
  webSocketConnectionMinutePerMillion: 0.25,
  sqsRequestPerMillion: 0.4,
  snsPublishPerMillion: 0.5,
  cloudWatchLogsIngestionPerGb: 0.5,
} as const;

/** Lambda memory of every function (AppFunction's default; no hot-path route overrides it). */
export const LAMBDA_MEMORY_MB = 512;
/** One API Gateway access-log record (JSON line with requestTimeEpoch, status, userId, keyId, ...). */
const ACCESS_LOG_BYTES = 350;

export interface CostLine {
  readonly item: string;
  readonly usdPerMillion: number;
}

export interface CostEntry {
  readonly total: number;
  readonly lines: CostLine[];
  readonly assumes: string;
}

/** The carrier's part of an SMS in one destination country, and the whole SMS with the platform's. */
export interface SmsCountryCost {
  readonly country: string;
  readonly perSegmentUsd: number;
  /** USD per million segments to this country: the carrier price alone. */
  readonly carrierPerMillionSegments: number;
  /** USD per million one-segment SMS: carrier price + the platform's `smsSent` figure. */
  readonly totalPerMillionSms: number;
}

export interface CostModel {
  readonly costPerMillion: {
    readonly messagesSent: number;
    readonly smsSent: number;
    readonly verifications: number;
    readonly apiRequests: number;
  };
  readonly breakdown: Record<'messagesSent' | 'smsSent' | 'verifications' | 'apiRequests', CostEntry>;
  /** Carrier price per segment by destination (the deployment's SMS pricing table, GET /v1/sms/pricing). */
  readonly smsCarrier: readonly SmsCountryCost[];
  readonly prices: typeof PRICES;
  readonly lambdaMemoryMb: number;
  readonly excluded: string[];
}

const perMillion = (usdPerOperation: number) => usdPerOperation * 1e6;

const lambda = (ms: number) =>
  PRICES.lambdaRequestPerMillion / 1e6 +
  (LAMBDA_MEMORY_MB / 1024) * (Math.max(1, ms) / 1000) * PRICES.lambdaArmGbSecond;

const dynamo = (rcu: number, wcu: number) =>
  (rcu * PRICES.dynamoDbReadRequestUnitPerMillion + wcu * PRICES.dynamoDbWriteRequestUnitPerMillion) / 1e6;

const sum = (lines: CostLine[]) => Math.round(lines.reduce((n, l) => n + l.usdPerMillion, 0) * 100) / 100;

const line = (item: string, usdPerOperation: number): CostLine => ({
  item,
  usdPerMillion: Math.round(perMillion(usdPerOperation) * 1000) / 1000,
});

export function costModel(
  operations: readonly OperationFigure[],
  metering: MeteringResult,
  smsPrices: readonly SmsPrice[],
): CostModel {
  const op = (name: string) => {
    const found = operations.find((o) => o.name === name);
    if (!found) throw new Error(`cost model: no measured operation "${name}"`);
    return found;
  };
  const authorizer = op('authorizer (JWT)');
  const busy = metering.batches[0]!;
  // Metering of one REST request: its share of a busy batch (WCU and the metering function's
  // time) and the access-log record ingested by CloudWatch Logs.
  const meteringLines = [
    line('usage metering: DynamoDB ADDs (share of a 1,000-request batch)', dynamo(0, busy.wcuPerRequest)),
    line('usage metering: Lambda (share of the batch invocation)', lambda(busy.cost.ms) / busy.requests),
    line(
      `usage metering: access-log ingestion (${ACCESS_LOG_BYTES} B per request)`,
      (ACCESS_LOG_BYTES / 1024 ** 3) * PRICES.cloudWatchLogsIngestionPerGb,
    ),
  ];
  const restRequest = (handler: OperationFigure, label: string) => [
    line('API Gateway REST request', PRICES.apiGatewayRestRequestPerMillion / 1e6),
    line(`authorizer Lambda (${authorizer.p50Ms} ms)`, lambda(authorizer.p50Ms)),
    line('authorizer DynamoDB reads', dynamo(authorizer.rcu, authorizer.wcu)),
    line(`${label} Lambda (${handler.p50Ms} ms)`, lambda(handler.p50Ms)),
    line(`${label} DynamoDB (${handler.rcu} RRU, ${handler.wcu} WRU)`, dynamo(handler.rcu, handler.wcu)),
    ...meteringLines,
  ];

  const list = op('list conversations');
  const apiRequests = restRequest(list, 'handler (a list page)');

  const send = op('send message (10 words)');
  const messagesSent = [
    ...restRequest(send, 'send-message'),
    line(
      'WebSocket: message.created to 2 participants + message.status to the sender',
      (3 * PRICES.webSocketMessagePerMillion) / 1e6,
    ),
  ];

  const sms = op('send SMS (with its delivery receipt)');
  const smsSent = [
    ...restRequest(sms, 'send-sms + queue worker + 2 receipt events'),
    line('second Lambda request (the SQS-triggered worker)', PRICES.lambdaRequestPerMillion / 1e6),
    line('SQS: send, receive, delete', (3 * PRICES.sqsRequestPerMillion) / 1e6),
    line(
      'delivery receipts: 2 events (TEXT_SUCCESSFUL, TEXT_DELIVERED) published to the SNS event destination',
      (2 * PRICES.snsPublishPerMillion) / 1e6,
    ),
    line(
      'delivery receipts: 2 Lambda requests (the receipts handler)',
      (2 * PRICES.lambdaRequestPerMillion) / 1e6,
    ),
    line(
      'WebSocket: message.created + message.status (sent, delivered) to the sender',
      (3 * PRICES.webSocketMessagePerMillion) / 1e6,
    ),
  ];

  const create = op('create verification');
  const code = op('inbound code');
  const expire = op('expire one verification');
  const verifications = [
    ...restRequest(create, 'create-verification'),
    line('inbound code: SNS publish (two-way SMS topic)', PRICES.snsPublishPerMillion / 1e6),
    line(`inbound code: Lambda (${code.p50Ms} ms)`, lambda(code.p50Ms)),
    line(`inbound code: DynamoDB (${code.rcu} RRU, ${code.wcu} WRU)`, dynamo(code.rcu, code.wcu)),
    line('inbound code: WebSocket verification.updated', PRICES.webSocketMessagePerMillion / 1e6),
    line(
      `completion by the expiry job: DynamoDB (${expire.rcu} RRU, ${expire.wcu} WRU, its 4 index Queries included)`,
      dynamo(expire.rcu, expire.wcu),
    ),
    line(
      `completion by the expiry job: Lambda time (${expire.p50Ms} ms, the run's request shared by the batch)`,
      lambda(expire.p50Ms) - PRICES.lambdaRequestPerMillion / 1e6,
    ),
  ];

  const breakdown = {
    messagesSent: {
      total: sum(messagesSent),
      lines: messagesSent,
      assumes: 'a chat message of 10 words between two users, both online with one socket each',
    },
    smsSent: {
      total: sum(smsSent),
      lines: smsSent,
      assumes:
        'an SMS of one segment to a known recipient, sent from an owned number, with its two delivery-receipt events; the carrier price per segment is in the per-country table',
    },
    verifications: {
      total: sum(verifications),
      lines: verifications,
      assumes:
        'create, one inbound code, completion by the expiry job; no polling of GET /v1/verifications/{id}',
    },
    apiRequests: {
      total: sum(apiRequests),
      lines: apiRequests,
      assumes: 'an authenticated REST read (a conversation-list page) with its usage metering',
    },
  };
  const smsCarrier = smsPrices.map((p) => {
    const perSegmentUsd = p.perSegmentCents / 100;
    return {
      country: p.country,
      perSegmentUsd,
      carrierPerMillionSegments: Math.round(perSegmentUsd * 1e6 * 100) / 100,
      totalPerMillionSms: Math.round((perSegmentUsd * 1e6 + breakdown.smsSent.total) * 100) / 100,
    };
  });
  return {
    costPerMillion: {
      messagesSent: breakdown.messagesSent.total,
      smsSent: breakdown.smsSent.total,
      verifications: breakdown.verifications.total,
      apiRequests: breakdown.apiRequests.total,
    },
    breakdown,
    smsCarrier,
    prices: PRICES,
    lambdaMemoryMb: LAMBDA_MEMORY_MB,
    excluded: [
      "Carrier prices beyond the pricing table: the table (GET /v1/sms/pricing, per deployment) holds one price per segment and country, set near AWS End User Messaging's list price plus carrier fees, rounded up to whole cents; the real charge varies by origination type (10DLC, toll-free, short code) and carrier. Inbound SMS are also charged per message by country.",
      'The outbox stream consumer\'s share of a message (it reads the message INSERT and each status change once more after the commit): see "Webhooks" for its cost per routed event.',
      'Origination numbers (monthly lease per number) and 10DLC registration fees.',
      'Free tiers, data transfer out, CloudWatch metrics/alarms, X-Ray traces (tracing is ACTIVE on every function), S3 (attachments, exports), Cognito MAUs, SES emails.',
      'WebSocket connection minutes ($0.25 per million minutes): one user online 8 hours a day costs ~$0.0036 a month.',
    ],
  };
}
