import { listApiKeys } from '../../shared/accounts/api-keys';
import { listApiKeysRoute } from '../../shared/accounts/routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(listApiKeysRoute, async ({ auth }) =>
  ok({ items: await listApiKeys(auth.userId), nextCursor: null }),
);
