import { httpHandler, ok } from '../../shared/platform/http/handler';
import { updateNumberRoute } from '../../shared/numbers/routes';
import { updateOwnedNumber } from '../../shared/numbers/service';

export const handler = httpHandler(updateNumberRoute, async ({ params, body, auth }) =>
  ok(await updateOwnedNumber(auth.userId, params.phoneNumber, body)),
);
