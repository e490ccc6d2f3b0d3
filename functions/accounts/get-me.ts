import { getMeRoute } from '../../shared/accounts/routes';
import { getProfile } from '../../shared/accounts/service';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(getMeRoute, async ({ auth }) => ok(await getProfile(auth.userId)));
