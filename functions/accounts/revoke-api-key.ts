import { revokeApiKey } from '../../shared/accounts/api-keys';
import { revokeApiKeyRoute } from '../../shared/accounts/routes';
import { httpHandler, noContent } from '../../shared/platform/http/handler';

export const handler = httpHandler(revokeApiKeyRoute, async ({ auth, params }) => {
  await revokeApiKey(auth.userId, params.id);
  return noContent();
});
