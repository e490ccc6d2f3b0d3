import { httpHandler, ok } from '../../shared/platform/http/handler';
import { cancelNumberRoute } from '../../shared/numbers/routes';
import { cancelOwnedNumber } from '../../shared/numbers/service';

export const handler = httpHandler(cancelNumberRoute, async ({ params, auth }) =>
  ok(await cancelOwnedNumber(auth.userId, params.phoneNumber)),
);
