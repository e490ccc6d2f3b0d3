import { requestAccountExport } from '../../shared/accounts/data-export';
import { requestExportRoute } from '../../shared/accounts/routes';
import { httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(requestExportRoute, async ({ auth }) => {
  const job = await requestAccountExport(auth.userId);
  return { status: 202, body: job, headers: { location: `/v1/me/exports/${job.exportId}` } };
});
