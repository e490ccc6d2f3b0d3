import { httpHandler, ok } from '../../shared/platform/http/handler';
import { listWebhooksRoute } from '../../shared/webhooks/routes';
import { listWebhooks } from '../../shared/webhooks/service';

export const handler = httpHandler(listWebhooksRoute, async ({ auth }) =>
  ok(await listWebhooks(auth.userId)),
);
