import { httpHandler, ok } from '../../shared/platform/http/handler';
import { rotateWebhookSecretRoute } from '../../shared/webhooks/routes';
import { rotateWebhookSecret } from '../../shared/webhooks/service';

export const handler = httpHandler(rotateWebhookSecretRoute, async ({ auth, params }) =>
  ok(await rotateWebhookSecret(auth.userId, params.id), { 'cache-control': 'no-store' }),
);
