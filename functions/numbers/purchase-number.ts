import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { purchaseNumberRoute } from '../../shared/numbers/routes';
import { purchaseNumber } from '../../shared/numbers/service';

export const handler = idempotentHandler(purchaseNumberRoute, async ({ body, auth }) =>
  created(await purchaseNumber({ userId: auth.userId, ...body })),
);
