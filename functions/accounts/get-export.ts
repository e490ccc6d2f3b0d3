import { getAccountExport } from '../../shared/accounts/data-export';
import { getAccountExportRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(getAccountExportRoute, async ({ auth, params }) =>
  ok(await getAccountExport(auth.userId, params.exportId), { 'cache-control': 'no-store' }),
);
