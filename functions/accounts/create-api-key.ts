import { createApiKey } from '../../shared/accounts/api-keys';
import { createApiKeyRoute } from '../../shared/accounts/routes';
import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

export const handler = idempotentHandler(createApiKeyRoute, async ({ auth, body }) =>
  created(
    // A replay (Idempotency-Key) returns the metadata without `key` and with keyShown: false.
    { ...(await createApiKey(auth.userId, body.name, body.scopes)), keyShown: true },
    { 'cache-control': 'no-store' },
  ),
);
