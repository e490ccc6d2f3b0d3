import * as z from '../platform/zod';
import { touchApiKey } from '../accounts/api-keys';
import { dayBuckets, monthBucket } from './service';
import { db } from './db';

/**
 * API-request metering off the request path. Every request already produces an access-log
 * record (API Gateway access logging in AWS, the local gateway locally); records are counted
 * here in batches — per user, day and API key — and written with one atomic ADD per
 * (user, bucket), instead of a synchronous write in every request's latency path.
 * In AWS a CloudWatch Logs subscription delivers the records to `functions/usage/aggregate-access-logs`;
 * locally the gateway buffers them and flushes every second through the same function.
 */
export const accessLogRecord = /* @__PURE__ */ z.object({
  requestTimeEpoch: /* @__PURE__ */ z.coerce.number(),
  status: /* @__PURE__ */ z.coerce.number(),
  userId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.optional(/* @__PURE__ */ z.string())),
  keyId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.optional(/* @__PURE__ */ z.string())),
});
export type AccessLogRecord = z.infer<typeof accessLogRecord>;

interface Tally {
  apiRequests: number;
  errors: number;
}

/** Aggregates and writes a batch; returns the number of records counted. */
export async function meterAccessLogs(records: readonly AccessLogRecord[]): Promise<number> {
  const tallies = new Map<string, Tally>();
  const lastUse = new Map<string, { userId: string; keyId: string; at: number }>();
  let counted = 0;
  for (const record of records) {
    // API Gateway writes '-' for context values a request did not have.
    if (!record.userId?.startsWith('usr_')) continue;
    counted += 1;
    const at = new Date(record.requestTimeEpoch);
    const keyId = record.keyId?.startsWith('key_') ? record.keyId : undefined;
    const buckets = [monthBucket(at), ...dayBuckets(at, keyId)];
    for (const bucket of buckets) {
      const id = `${record.userId}|${bucket}`;
      const tally = tallies.get(id) ?? { apiRequests: 0, errors: 0 };
      tally.apiRequests += 1;
      if (record.status >= 400) tally.errors += 1;
      tallies.set(id, tally);
    }
    if (keyId) {
      const prev = lastUse.get(keyId);
      if (!prev || prev.at < record.requestTimeEpoch)
        lastUse.set(keyId, { userId: record.userId, keyId, at: record.requestTimeEpoch });
    }
  }
  const counters = db().entities.usageCounter;
  await Promise.all([
    ...[...tallies].map(([id, tally]) => {
      const [userId = '', bucket = ''] = id.split('|');
      return counters
        .update({ userId, bucket })
        .add({ apiRequests: tally.apiRequests, errors: tally.errors })
        .go();
    }),
    ...[...lastUse.values()].map((use) => touchApiKey(use.userId, use.keyId, new Date(use.at))),
  ]);
  return counted;
}

/** Parses access-log lines (JSON), skipping anything that is not a metering record. */
export function parseAccessLogLines(lines: readonly string[]): AccessLogRecord[] {
  const out: AccessLogRecord[] = [];
  for (const line of lines) {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      // Not a JSON access-log line (e.g. a platform message in the same log group): not metered.
      continue;
    }
    const parsed = accessLogRecord.safeParse(json);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}
