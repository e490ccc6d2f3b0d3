import { createApiKey } from '../../shared/accounts/api-keys';
import { createApiKeyRoute } from '../../shared/accounts/routes';
import { created, httpHandler } from '../../shared/http/handler';

export const handler = httpHandler(createApiKeyRoute, async ({ auth, body }) =>
  created(await createApiKey(auth.userId, body.name, body.scopes), { 'cache-control': 'no-store' }),
);
