import { ok } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { cancelVerificationRoute } from '../../shared/verifications/routes';
import { cancelVerification } from '../../shared/verifications/service';

export const handler = idempotentHandler(cancelVerificationRoute, async ({ auth, params }) =>
  ok(await cancelVerification(auth.userId, params.id)),
);
