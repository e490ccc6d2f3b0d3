import type { Carrier, OutboundSms } from '../../shared/sms/carrier';
import { appendJsonLine, readJsonLines } from './files';

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

/** Appends one handed-over chunk to the outbox. */
export async function writeToOutbox(sms: OutboundSms): Promise<void> {
  const entry: OutboxEntry = {
    messageId: sms.messageId,
    from: sms.from,
    to: sms.to,
    body: sms.body,
    segments: sms.segments,
    sentAt: new Date().toISOString(),
  };
  await appendJsonLine(OUTBOX_FILE, entry);
}

/**
 * The carrier of a local process without the simulator (a test or bench process calling the
 * services directly): the SMS goes to the outbox file and nowhere else, never to AWS. No
 * receipts follow, so such messages stop at `sent`.
 */
export const outboxOnlyCarrier: Carrier = {
  async send(sms) {
    await writeToOutbox(sms);
    return { carrierMessageId: `local-${sms.messageId}-${sms.chunk}` };
  },
};
