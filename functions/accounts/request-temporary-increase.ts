import { requestTemporaryIncrease } from '../../shared/accounts/limits';
import { temporaryIncreaseRoute } from '../../shared/accounts/plan-routes';
import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

export const handler = idempotentHandler(temporaryIncreaseRoute, async ({ auth, body }) =>
  created(await requestTemporaryIncrease(auth.userId, body.reason)),
);
