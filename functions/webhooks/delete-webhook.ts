import { httpHandler, noContent } from '../../shared/platform/http/handler';
import { deleteWebhookRoute } from '../../shared/webhooks/routes';
import { deleteWebhook } from '../../shared/webhooks/service';

export const handler = httpHandler(deleteWebhookRoute, async ({ auth, params }) => {
  await deleteWebhook(auth.userId, params.id);
  return noContent();
});
