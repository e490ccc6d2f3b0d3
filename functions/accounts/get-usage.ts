import { usageReport } from '../../shared/accounts/dashboard';
import { usageRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(usageRoute, async ({ auth, query }) =>
  ok(await usageReport(auth.userId, query)),
);
