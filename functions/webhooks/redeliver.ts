import { accepted, httpHandler } from '../../shared/platform/http/handler';
import { redeliverRoute } from '../../shared/webhooks/routes';
import { redeliver } from '../../shared/webhooks/service';

export const handler = httpHandler(redeliverRoute, async ({ auth, params }) => {
  await redeliver(auth.userId, params.id, params.deliveryId);
  return accepted();
});
