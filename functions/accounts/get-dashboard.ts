import { dashboard } from '../../shared/accounts/dashboard';
import { dashboardRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(dashboardRoute, async ({ auth }) => ok(await dashboard(auth.userId)));
