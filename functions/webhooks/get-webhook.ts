import { httpHandler, ok } from '../../shared/platform/http/handler';
import { getWebhookRoute } from '../../shared/webhooks/routes';
import { getWebhook } from '../../shared/webhooks/service';

export const handler = httpHandler(getWebhookRoute, async ({ auth, params }) =>
  ok(await getWebhook(auth.userId, params.id)),
);
