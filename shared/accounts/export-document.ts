import { toEntry } from '../billing/service';
import { attachmentRefs, toConversation, toMessageWith } from '../conversations/views';
import { db } from './lifecycle-db';
import { toOwnedView } from '../numbers/service';
import { sendEmail } from '../platform/adapters/email';
import type { VerificationExportItem } from '../verifications/entities/verification-export';
import {
  accountExportObjectKey,
  type ExportFileWriter,
  openExportFile,
} from '../verifications/export-storage';
import { scanHistory } from '../verifications/history';
import { toView as toVerificationView } from '../verifications/views';
import { listWebhooks } from '../webhooks/service';
import { listApiKeys } from './api-keys';
import { getPreferences } from './preferences';
import { getProfile } from './service';

/**
 * The account export document (GDPR articles 15 and 20): one JSON object, written top to bottom
 * into an ExportFileWriter while the table is read a page at a time, so memory stays bounded by a
 * page and the writer's part buffer however long the history is.
 *
 * ```
 * { format, version, exportedAt, userId, profile, preferences,
 *   apiKeys[], webhooks[]   (no secrets: the API views, which never hold them)
 *   numbers[], verifications[], ledger[],
 *   conversations[{ ...conversation, messages[{ ...message, attachments[{ id, fileName, contentType, size }] }] }] }
 * ```
 */
export const EXPORT_DOCUMENT_FORMAT = 'smsproj-account-export';
const PAGE = 100;

type Page<T> = { data: T[]; cursor: string | null };

/** Every item of a query, one page at a time. */
async function* paged<T>(read: (cursor: string | null) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    cursor = page.cursor;
    if (page.data.length > 0) yield page.data;
  } while (cursor);
}

const json = (value: unknown) => JSON.stringify(value);

/** Writes `"name":[...]` from pages of items, one element per line. Returns the element count. */
async function writeArray<T>(
  out: ExportFileWriter,
  name: string,
  pages: AsyncIterable<T[]>,
  write: (item: T) => Promise<void> | void,
): Promise<number> {
  await out.write(`,\n${json(name)}:[`);
  let count = 0;
  for await (const items of pages) {
    for (const item of items) {
      await out.write(count === 0 ? '\n' : ',\n');
      await write(item);
      count++;
    }
  }
  await out.write(']');
  return count;
}

const once = <T>(items: T[]): AsyncIterable<T[]> =>
  (async function* () {
    yield items;
  })();

export interface ExportCounts {
  readonly [section: string]: number;
}

/** Writes the whole document for `userId`; returns how many elements each section holds. */
export async function writeAccountDocument(
  out: ExportFileWriter,
  userId: string,
  exportedAt: Date,
): Promise<ExportCounts> {
  const profile = await getProfile(userId);
  await out.write(
    `{${json('format')}:${json(EXPORT_DOCUMENT_FORMAT)},${json('version')}:1,` +
      `${json('exportedAt')}:${json(exportedAt.toISOString())},${json('userId')}:${json(userId)},\n` +
      `${json('profile')}:${json(profile)},\n${json('preferences')}:${json(await getPreferences(userId))}`,
  );
  const counts: Record<string, number> = {};
  const put = async (value: unknown) => out.write(json(value));
  counts.apiKeys = await writeArray(out, 'apiKeys', once(await listApiKeys(userId)), put);
  counts.webhooks = await writeArray(out, 'webhooks', once((await listWebhooks(userId)).items), put);
  counts.numbers = await writeArray(
    out,
    'numbers',
    paged((cursor) => db().entities.ownedNumber.query.primary({ userId }).go({ limit: PAGE, cursor })),
    (item) => put(toOwnedView(item)),
  );
  counts.verifications = await writeArray(
    out,
    'verifications',
    (async function* () {
      for await (const page of scanHistory(userId, {})) yield page.items;
    })(),
    (item) => put(toVerificationView(item)),
  );
  counts.ledger = await writeArray(
    out,
    'ledger',
    paged((cursor) => db().entities.ledgerEntry.query.primary({ userId }).go({ limit: PAGE, cursor })),
    (item) => put(toEntry(item)),
  );
  let messages = 0;
  counts.conversations = await writeArray(
    out,
    'conversations',
    paged((cursor) => db().entities.membership.query.primary({ userId }).go({ limit: PAGE, cursor })),
    async (membership) => {
      const conversation = json(toConversation(membership));
      await out.write(`${conversation.slice(0, -1)},${json('messages')}:[`);
      let first = true;
      const pages = paged((cursor) =>
        db()
          .entities.message.query.primary({ conversationId: membership.conversationId })
          .go({ limit: PAGE, cursor }),
      );
      for await (const items of pages) {
        for (const item of items) {
          await out.write(`${first ? '\n' : ',\n'}${json(toMessageWith(item, attachmentRefs(item)))}`);
          first = false;
          messages++;
        }
      }
      await out.write(']}');
    },
  );
  counts.messages = messages;
  await out.write('\n}\n');
  return counts;
}

export const accountExportFileName = (at: Date): string =>
  `smsproj-account-${at.toISOString().slice(0, 10)}.json`;

/**
 * The export job's work for an account export (shared/verifications/exports.ts runs it under its
 * claim): the document into S3, then an email saying it is ready. A failed attempt aborts its
 * upload, so a retry starts a clean object under the same key.
 */
export async function writeAccountExport(
  item: VerificationExportItem,
): Promise<{ objectKey: string; rows: number }> {
  const objectKey = accountExportObjectKey(item.userId, item.exportId);
  const createdAt = new Date(item.createdAt);
  const out = await openExportFile(
    objectKey,
    'application/json; charset=utf-8',
    accountExportFileName(createdAt),
  );
  let counts: ExportCounts;
  try {
    counts = await writeAccountDocument(out, item.userId, new Date());
    await out.finish();
  } catch (error) {
    await out.abort();
    throw error;
  }
  const { email } = await getProfile(item.userId);
  await sendEmail({
    to: email,
    subject: 'Your SMSPROJ data export is ready',
    text:
      'The copy of your account data you asked for is ready. Download it from Settings > Account ' +
      `(export ${item.exportId}); the download link there is valid for a few minutes at a time, ` +
      'and the export is kept for 7 days.',
  });
  return { objectKey, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}
