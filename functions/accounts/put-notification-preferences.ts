import { putPreferences } from '../../shared/accounts/preferences';
import { putPreferencesRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(putPreferencesRoute, async ({ auth, body }) =>
  ok(await putPreferences(auth.userId, body)),
);
