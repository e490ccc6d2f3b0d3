import { httpHandler, ok } from '../../shared/platform/http/handler';
import { completeVerificationRoute } from '../../shared/verifications/routes';
import { completeVerification } from '../../shared/verifications/service';

export const handler = httpHandler(completeVerificationRoute, async ({ auth, params }) =>
  ok(await completeVerification(auth.userId, params.id)),
);
