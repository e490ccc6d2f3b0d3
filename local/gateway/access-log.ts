import type { AccessLogRecord } from '../../shared/usage/access-log';
import type { LocalLogger } from '../log';

/**
 * The local counterpart of API Gateway access logging + the CloudWatch Logs subscription:
 * requests are recorded in memory and metered in batches every second through the same
 * `meterAccessLogs` the AWS subscription handler uses — never in the request's path.
 */
export class AccessLogMeter {
  private buffer: AccessLogRecord[] = [];
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: LocalLogger,
    intervalMs = 1000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  record(record: AccessLogRecord): void {
    if (record.userId) this.buffer.push(record);
  }

  flush(): Promise<void> {
    if (this.flushing || this.buffer.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.buffer;
    this.buffer = [];
    this.flushing = import('../../shared/usage/access-log')
      .then(({ meterAccessLogs }) => meterAccessLogs(batch))
      .then(() => undefined)
      .catch((error: unknown) => {
        this.log.warn('access-log metering failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
