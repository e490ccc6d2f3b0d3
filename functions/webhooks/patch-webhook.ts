import { httpHandler, ok } from '../../shared/platform/http/handler';
import { patchWebhookRoute } from '../../shared/webhooks/routes';
import { patchWebhook } from '../../shared/webhooks/service';

export const handler = httpHandler(patchWebhookRoute, async ({ auth, params, body }) =>
  ok(await patchWebhook(auth.userId, params.id, body)),
);
