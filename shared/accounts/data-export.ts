import type { HistoryFilters } from '../verifications/schemas';
import { ownExport, queueExport, readyDownload } from '../verifications/exports';
import { accountExportFileName } from './export-document';

/**
 * Personal data export (GDPR articles 15 and 20): a background job of the export machinery
 * (shared/verifications/exports.ts, `kind: 'account'`) writes one JSON document
 * (./export-document.ts) to S3 and emails the user; the poll answers a presigned download.
 */
export interface AccountExportView {
  readonly exportId: string;
  readonly status: 'pending' | 'ready' | 'failed';
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly downloadUrl?: string;
  readonly downloadUrlExpiresAt?: string;
}

const NO_FILTERS: HistoryFilters = {};

export async function requestAccountExport(userId: string): Promise<{ exportId: string; status: 'pending' }> {
  const { exportId } = await queueExport({ userId, kind: 'account', format: 'json', filters: NO_FILTERS });
  return { exportId, status: 'pending' };
}

export async function getAccountExport(userId: string, exportId: string): Promise<AccountExportView> {
  const item = await ownExport(userId, exportId, 'account');
  const status = item.status === 'ready' ? 'ready' : item.status === 'failed' ? 'failed' : 'pending';
  return {
    exportId: item.exportId,
    status,
    createdAt: item.createdAt,
    ...(item.finishedAt ? { finishedAt: item.finishedAt } : {}),
    ...(await readyDownload(item, accountExportFileName(new Date(item.createdAt)))),
  };
}
