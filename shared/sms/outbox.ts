import { readJsonLines } from '../platform/adapters/local-files';

/**
 * The local carrier's outbox (`GET /dev/sms/outbox`): one line per message handed to the
 * simulator, plus one line per status the simulator reported for it (the latest wins).
 */
export const OUTBOX_FILE = 'sms-outbox.jsonl';
export const OUTBOX_STATUS_FILE = 'sms-outbox-status.jsonl';

export interface OutboxEntry {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly segments: number;
  readonly sentAt: string;
}

export interface OutboxStatus {
  readonly messageId: string;
  readonly status: string;
  readonly errorCode?: string;
}

/** Newest first, optionally filtered by sender and recipient; each with its latest status. */
export async function readOutbox(filter: { from?: string; to?: string } = {}) {
  const [entries, statuses] = await Promise.all([
    readJsonLines<OutboxEntry>(OUTBOX_FILE),
    readJsonLines<OutboxStatus>(OUTBOX_STATUS_FILE),
  ]);
  const latest = new Map(statuses.map((s) => [s.messageId, s]));
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(
      ({ entry }) => (!filter.from || entry.from === filter.from) && (!filter.to || entry.to === filter.to),
    )
    .sort((a, b) => b.entry.sentAt.localeCompare(a.entry.sentAt) || b.index - a.index)
    .map(({ entry }) => {
      const status = latest.get(entry.messageId);
      return {
        messageId: entry.messageId,
        from: entry.from,
        to: entry.to,
        body: entry.body,
        segments: entry.segments,
        status: status?.status ?? 'sent',
        ...(status?.errorCode ? { errorCode: status.errorCode } : {}),
        sentAt: entry.sentAt,
      };
    });
}
