import { httpHandler, ok } from '../../shared/platform/http/handler';
import { reportVerificationRoute } from '../../shared/verifications/routes';
import { reportVerification } from '../../shared/verifications/service';

export const handler = httpHandler(reportVerificationRoute, async ({ auth, params, body }) =>
  ok(await reportVerification(auth.userId, params.id, body.reason)),
);
