import { ok } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { completeVerificationRoute } from '../../shared/verifications/routes';
import { completeVerification } from '../../shared/verifications/service';

export const handler = idempotentHandler(completeVerificationRoute, async ({ auth, params }) =>
  ok(await completeVerification(auth.userId, params.id)),
);
