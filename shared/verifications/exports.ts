import { queuedWork } from '../platform/adapters/queued-work';
import { config } from '../platform/config';
import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { NotFound } from '../platform/errors';
import type { HttpResult } from '../platform/http/handler';
import { db } from './exports-db';
import { newId } from '../platform/ids';
import { logger } from '../platform/observability/logger';
import { writeAccountExport } from '../accounts/export-document';
import type { ExportFormat, ExportKind, VerificationExportItem } from './entities/verification-export';
import { CONTENT_TYPES, exportFileName, renderExport } from './export-format';
import { DOWNLOAD_URL_SECONDS, exportDownloadUrl, exportObjectKey, putExportFile } from './export-storage';
import { collectHistory } from './history';
import type { HistoryFilters } from './schemas';
import type { VerificationStatus } from './state';

/**
 * Exports of the verification history. Up to VERIFICATION_EXPORT_SYNC_LIMIT rows (5,000 by
 * default) are rendered in the request and downloaded at once; larger ones become an export job:
 * 202 `{ exportId }`, a worker renders the file into S3, and `GET /v1/verifications/exports/{id}`
 * answers `{ status, downloadUrl? }` with a presigned GET once it is ready.
 *
 * The worker is the `verification-exports` scheduled job (every minute in AWS), which picks up
 * queued exports from a sparse index. Locally the export also starts in-process right after the
 * 202, through the same `runExport`. Claiming an export is a conditional write, so the in-process
 * start and the scheduled worker never both render it; a worker that dies leaves a claim that
 * expires, and the export is retried (three attempts, then `failed`).
 */
const KEEP_EXPORT_SECONDS = 7 * 24 * 3600;
const CLAIM_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;
/** A background export stops here (a month of the biggest plan); the file says nothing is missing only below it. */
export const MAX_EXPORT_ROWS = 200_000;

export type ExportOutcome =
  | { readonly kind: 'file'; readonly body: string; readonly contentType: string; readonly fileName: string }
  | { readonly kind: 'job'; readonly exportId: string; readonly status: 'queued' };

export interface ExportStatusView {
  readonly exportId: string;
  readonly status: VerificationExportItem['status'];
  readonly format: ExportFormat;
  readonly createdAt: string;
  readonly rowCount?: number;
  readonly finishedAt?: string;
  readonly downloadUrl?: string;
  readonly downloadUrlExpiresAt?: string;
}

export const syncExportLimit = (): number => config('verifications').VERIFICATION_EXPORT_SYNC_LIMIT;

/** The filtered history as a file, or (large or `forceAsync`) a background export job. */
export async function exportHistory(
  userId: string,
  request: { filters: HistoryFilters; format: ExportFormat; forceAsync: boolean },
  now: Date = new Date(),
): Promise<ExportOutcome> {
  const limit = syncExportLimit();
  if (!request.forceAsync) {
    const items = await collectHistory(userId, request.filters, limit + 1);
    if (items.length <= limit) {
      return {
        kind: 'file',
        body: renderExport(request.format, items),
        contentType: CONTENT_TYPES[request.format],
        fileName: exportFileName(request.format, now),
      };
    }
  }
  return queueExport(
    { userId, kind: 'verifications', format: request.format, filters: request.filters },
    now,
  );
}

/** The HTTP answer: the file as an attachment, or 202 with where to poll. */
export function exportResponse(outcome: ExportOutcome): HttpResult {
  if (outcome.kind === 'job') {
    return {
      status: 202,
      body: { exportId: outcome.exportId, status: outcome.status },
      headers: { location: `/v1/verifications/exports/${outcome.exportId}` },
    };
  }
  return {
    status: 200,
    body: outcome.body,
    raw: true,
    headers: {
      'content-type': outcome.contentType,
      'content-disposition': `attachment; filename="${outcome.fileName}"`,
      'cache-control': 'no-store',
    },
  };
}

const storedFilters = (filters: HistoryFilters) => ({
  ...(filters.service ? { service: filters.service } : {}),
  ...(filters.status ? { status: filters.status } : {}),
  ...(filters.fromMs !== undefined ? { from: new Date(filters.fromMs).toISOString() } : {}),
  ...(filters.toMs !== undefined ? { to: new Date(filters.toMs).toISOString() } : {}),
});

const filtersOf = (item: VerificationExportItem): HistoryFilters => ({
  ...(item.filters.service ? { service: item.filters.service } : {}),
  ...(item.filters.status ? { status: item.filters.status as VerificationStatus } : {}),
  ...(item.filters.from ? { fromMs: Date.parse(item.filters.from) } : {}),
  ...(item.filters.to ? { toMs: Date.parse(item.filters.to) } : {}),
});

/** Queues a background export (verifications: `vex_` ids; the whole account: `exp_`). */
export async function queueExport(
  request: { userId: string; kind: ExportKind; format: ExportFormat; filters: HistoryFilters },
  now: Date = new Date(),
): Promise<{ kind: 'job'; exportId: string; status: 'queued' }> {
  const { userId, kind, format, filters } = request;
  const exportId = newId(kind === 'account' ? 'exp' : 'vex');
  const createdAt = now.toISOString();
  await db()
    .entities.verificationExport.create({
      exportId,
      userId,
      kind,
      format,
      filters: storedFilters(filters),
      status: 'queued',
      attempts: 0,
      createdAt,
      queuedAt: createdAt,
      ttl: ttlIn(KEEP_EXPORT_SECONDS, now.getTime()),
    })
    .go();
  queuedWork().queued('verification-export', exportId);
  return { kind: 'job', exportId, status: 'queued' };
}

/** Takes the export for this worker: queued, or running with an expired claim. False if someone else has it. */
async function claim(item: VerificationExportItem, now: Date): Promise<boolean> {
  try {
    await db()
      .entities.verificationExport.patch({ exportId: item.exportId })
      .set({ status: 'running', claimedUntil: now.getTime() + CLAIM_MS, queuedAt: item.queuedAt })
      .add({ attempts: 1 })
      .where(
        (attr, op) =>
          `(${op.eq(attr.status, 'queued')} OR (${op.eq(attr.status, 'running')} AND ${op.lt(attr.claimedUntil, now.getTime())}))`,
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/**
 * Renders one export into S3. Idempotent: only the worker holding the claim writes; the object key
 * is fixed per export, so a retried attempt overwrites a partial one. Returns whether it ran.
 */
export async function runExport(exportId: string, now: Date = new Date()): Promise<boolean> {
  const { data: item } = await db().entities.verificationExport.get({ exportId }).go({ consistent: true });
  if (!item || !(await claim(item, now))) return false;
  try {
    const { objectKey, rows } =
      item.kind === 'account' ? await writeAccountExport(item) : await writeVerificationExport(item);
    await db()
      .entities.verificationExport.patch({ exportId })
      .set({
        status: 'ready',
        objectKey,
        rowCount: rows,
        finishedAt: new Date().toISOString(),
        queuedAt: item.queuedAt,
      })
      .go();
    logger.info('Export ready', { exportId, kind: item.kind, rows });
    return true;
  } catch (error) {
    const attempts = item.attempts + 1;
    const status = attempts >= MAX_ATTEMPTS ? 'failed' : 'queued';
    await db()
      .entities.verificationExport.patch({ exportId })
      .set({ status, queuedAt: item.queuedAt, error: 'The export could not be written.' })
      .go();
    throw error;
  }
}

async function writeVerificationExport(
  item: VerificationExportItem,
): Promise<{ objectKey: string; rows: number }> {
  const objectKey = exportObjectKey(item.userId, item.exportId, item.format);
  const rows = await collectHistory(item.userId, filtersOf(item), MAX_EXPORT_ROWS);
  const fileName = exportFileName(item.format, new Date(item.createdAt));
  await putExportFile(objectKey, renderExport(item.format, rows), CONTENT_TYPES[item.format], fileName);
  return { objectKey, rows: rows.length };
}

/**
 * Exports one run of the worker renders at most: each can hold MAX_EXPORT_ROWS rows, and the
 * job's timeout and memory (shared/platform/jobs/registry.ts) are sized for this many. The rest stay
 * queued in the index and are taken by the next run (every minute).
 */
export const EXPORTS_PER_RUN = 2;

/** The scheduled worker: queued (or abandoned) exports, oldest first, at most `batch` per run. */
export async function processPendingExports(
  now: Date = new Date(),
  batch: number = EXPORTS_PER_RUN,
): Promise<number> {
  // Exports still claimed by a live worker are skipped, so read a little past the batch.
  const { data } = await db()
    .entities.verificationExport.query.byPending({})
    .go({ count: batch + 10 });
  let processed = 0;
  let started = 0;
  for (const item of data) {
    if (started >= batch) break;
    if (item.status === 'running' && (item.claimedUntil ?? 0) >= now.getTime()) continue;
    started++;
    try {
      if (await runExport(item.exportId, now)) processed++;
    } catch (error) {
      logger.error('Verification export failed', { exportId: item.exportId, error: error as Error });
    }
  }
  return processed;
}

/** The caller's export of this kind; another user's (or another kind's) is a 404. */
export async function ownExport(
  userId: string,
  exportId: string,
  kind: ExportKind,
): Promise<VerificationExportItem> {
  const { data: item } = await db().entities.verificationExport.get({ exportId }).go({ consistent: true });
  if (!item || item.userId !== userId || item.kind !== kind) throw new NotFound('No such export.');
  return item;
}

/** A presigned download of a ready export (undefined before). */
export async function readyDownload(
  item: VerificationExportItem,
  fileName: string,
): Promise<{ downloadUrl: string; downloadUrlExpiresAt: string } | undefined> {
  if (item.status !== 'ready' || !item.objectKey) return undefined;
  return {
    downloadUrl: await exportDownloadUrl(item.objectKey, fileName),
    downloadUrlExpiresAt: new Date(Date.now() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

/** Poll endpoint: another user's export is a 404. */
export async function getExportStatus(userId: string, exportId: string): Promise<ExportStatusView> {
  const item = await ownExport(userId, exportId, 'verifications');
  const download = await readyDownload(item, exportFileName(item.format, new Date(item.createdAt)));
  return {
    exportId: item.exportId,
    status: item.status,
    format: item.format,
    createdAt: item.createdAt,
    ...(item.rowCount !== undefined ? { rowCount: item.rowCount } : {}),
    ...(item.finishedAt ? { finishedAt: item.finishedAt } : {}),
    ...download,
  };
}
