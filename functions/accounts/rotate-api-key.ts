import { rotateApiKey } from '../../shared/accounts/api-keys';
import { rotateApiKeyRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(rotateApiKeyRoute, async ({ auth, params }) =>
  ok(await rotateApiKey(auth.userId, params.id), { 'cache-control': 'no-store' }),
);
