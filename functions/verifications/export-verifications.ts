import { httpHandler } from '../../shared/platform/http/handler';
import { exportHistory, exportResponse } from '../../shared/verifications/exports';
import { exportVerificationsRoute } from '../../shared/verifications/routes';

export const handler = httpHandler(exportVerificationsRoute, async ({ auth, query }) =>
  exportResponse(await exportHistory(auth.userId, query)),
);
