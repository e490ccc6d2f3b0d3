import { httpHandler, ok } from '../../shared/platform/http/handler';
import { listVerificationsRoute } from '../../shared/verifications/routes';
import { listVerifications } from '../../shared/verifications/service';

export const handler = httpHandler(listVerificationsRoute, async ({ auth, query }) =>
  ok(await listVerifications(auth.userId, query)),
);
