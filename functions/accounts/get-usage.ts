import { usageReport } from '../../shared/accounts/dashboard';
import { usageRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/http/handler';

export const handler = httpHandler(usageRoute, async ({ auth, query }) =>
  ok(await usageReport(auth.userId, query)),
);
