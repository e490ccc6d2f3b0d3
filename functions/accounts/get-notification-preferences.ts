import { getPreferences } from '../../shared/accounts/preferences';
import { getPreferencesRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(getPreferencesRoute, async ({ auth }) =>
  ok(await getPreferences(auth.userId)),
);
