import { dashboard } from '../../shared/accounts/dashboard';
import { dashboardRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/http/handler';

export const handler = httpHandler(dashboardRoute, async ({ auth }) => ok(await dashboard(auth.userId)));
