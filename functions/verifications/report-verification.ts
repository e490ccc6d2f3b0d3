import { ok } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { reportVerificationRoute } from '../../shared/verifications/routes';
import { reportVerification } from '../../shared/verifications/service';

export const handler = idempotentHandler(reportVerificationRoute, async ({ auth, params, body }) =>
  ok(await reportVerification(auth.userId, params.id, body.reason)),
);
