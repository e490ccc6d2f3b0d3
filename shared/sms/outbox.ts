import { readJsonLines } from '../adapters/local-files';
import { OUTBOX_FILE, type OutboxEntry } from './carrier';

/** The local outbox (`GET /dev/sms/outbox`), newest first, optionally filtered by sender and recipient. */
export async function readOutbox(filter: { from?: string; to?: string } = {}): Promise<OutboxEntry[]> {
  const entries = await readJsonLines<OutboxEntry>(OUTBOX_FILE);
  return entries
    .map((entry, index) => ({ entry, index }))
    .filter(
      ({ entry }) => (!filter.from || entry.from === filter.from) && (!filter.to || entry.to === filter.to),
    )
    .sort((a, b) => b.entry.sentAt.localeCompare(a.entry.sentAt) || b.index - a.index)
    .map(({ entry }) => ({
      messageId: entry.messageId,
      from: entry.from,
      to: entry.to,
      body: entry.body,
      sentAt: entry.sentAt,
    }));
}
