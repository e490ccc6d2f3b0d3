import { httpHandler, ok } from '../../shared/platform/http/handler';
import { getAvailableNumber } from '../../shared/numbers/inventory';
import { getAvailableNumberRoute } from '../../shared/numbers/routes';

export const handler = httpHandler(getAvailableNumberRoute, async ({ params }) =>
  ok(await getAvailableNumber(params.phoneNumber)),
);
