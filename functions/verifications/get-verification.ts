import { httpHandler, ok } from '../../shared/platform/http/handler';
import { getVerificationRoute } from '../../shared/verifications/routes';
import { getVerification } from '../../shared/verifications/service';

export const handler = httpHandler(getVerificationRoute, async ({ auth, params }) =>
  ok(await getVerification(auth.userId, params.id)),
);
