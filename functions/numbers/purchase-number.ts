import { created, httpHandler } from '../../shared/platform/http/handler';
import { purchaseNumberRoute } from '../../shared/numbers/routes';
import { purchaseNumber } from '../../shared/numbers/service';

export const handler = httpHandler(purchaseNumberRoute, async ({ body, auth }) =>
  created(await purchaseNumber({ userId: auth.userId, ...body })),
);
