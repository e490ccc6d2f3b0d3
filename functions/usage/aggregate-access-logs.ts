import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { meterAccessLogs, parseAccessLogLines } from '../../shared/usage/access-log';

/**
 * CloudWatch Logs subscription on the REST API's access-log group: counts API requests and
 * errors per user, day and key, asynchronously (nothing is added to the request's latency).
 */
export const handler = async (event: CloudWatchLogsEvent): Promise<{ processed: number }> => {
  const payload = JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8')) as {
    logEvents?: Array<{ message: string }>;
  };
  const records = parseAccessLogLines((payload.logEvents ?? []).map((e) => e.message));
  return { processed: await meterAccessLogs(records) };
};
