import { created, httpHandler } from '../../shared/platform/http/handler';
import { createWebhookRoute } from '../../shared/webhooks/routes';
import { createWebhook } from '../../shared/webhooks/service';

export const handler = httpHandler(createWebhookRoute, async ({ auth, body }) =>
  created(await createWebhook(auth.userId, body), { 'cache-control': 'no-store' }),
);
