import { httpHandler, ok } from '../../shared/platform/http/handler';
import { listAvailableNumbers } from '../../shared/numbers/inventory';
import { listAvailableNumbersRoute } from '../../shared/numbers/routes';

export const handler = httpHandler(listAvailableNumbersRoute, async ({ query }) =>
  ok(await listAvailableNumbers(query)),
);
