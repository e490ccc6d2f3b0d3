import { httpHandler, ok } from '../../shared/platform/http/handler';
import { getNumberRoute } from '../../shared/numbers/routes';
import { getOwnedNumber } from '../../shared/numbers/service';

export const handler = httpHandler(getNumberRoute, async ({ params, auth }) =>
  ok(await getOwnedNumber(auth.userId, params.phoneNumber)),
);
