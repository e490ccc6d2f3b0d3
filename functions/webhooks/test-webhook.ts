import { accepted, httpHandler } from '../../shared/platform/http/handler';
import { testWebhookRoute } from '../../shared/webhooks/routes';
import { pingWebhook } from '../../shared/webhooks/service';

export const handler = httpHandler(testWebhookRoute, async ({ auth, params }) =>
  accepted(await pingWebhook(auth.userId, params.id)),
);
