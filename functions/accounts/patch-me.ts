import { patchMeRoute } from '../../shared/accounts/routes';
import { updateProfile } from '../../shared/accounts/service';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(patchMeRoute, async ({ auth, body }) =>
  ok(await updateProfile(auth.userId, body)),
);
