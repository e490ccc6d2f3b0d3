import { httpHandler, ok } from '../../shared/platform/http/handler';
import { listNumbersRoute } from '../../shared/numbers/routes';
import { listOwnedNumbers } from '../../shared/numbers/service';

export const handler = httpHandler(listNumbersRoute, async ({ query, auth }) =>
  ok(await listOwnedNumbers(auth.userId, query)),
);
