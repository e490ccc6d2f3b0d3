import { httpHandler, ok } from '../../shared/platform/http/handler';
import { getExportStatus } from '../../shared/verifications/exports';
import { getExportRoute } from '../../shared/verifications/routes';

export const handler = httpHandler(getExportRoute, async ({ auth, params }) =>
  ok(await getExportStatus(auth.userId, params.exportId), { 'cache-control': 'no-store' }),
);
