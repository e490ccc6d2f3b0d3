import { requestTemporaryIncrease } from '../../shared/accounts/limits';
import { temporaryIncreaseRoute } from '../../shared/accounts/plan-routes';
import { created, httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(temporaryIncreaseRoute, async ({ auth, body }) =>
  created(await requestTemporaryIncrease(auth.userId, body.reason)),
);
