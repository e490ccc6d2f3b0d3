import { httpHandler, ok } from '../../shared/platform/http/handler';
import { listDeliveriesRoute } from '../../shared/webhooks/routes';
import { listDeliveries } from '../../shared/webhooks/service';

export const handler = httpHandler(listDeliveriesRoute, async ({ auth, params, query }) =>
  ok(await listDeliveries(auth.userId, params.id, query)),
);
