import { httpHandler, ok } from '../../shared/platform/http/handler';
import { cancelVerificationRoute } from '../../shared/verifications/routes';
import { cancelVerification } from '../../shared/verifications/service';

export const handler = httpHandler(cancelVerificationRoute, async ({ auth, params }) =>
  ok(await cancelVerification(auth.userId, params.id)),
);
