import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { reuseVerificationRoute } from '../../shared/verifications/routes';
import { reuseVerification } from '../../shared/verifications/service';

export const handler = idempotentHandler(reuseVerificationRoute, async ({ auth, params }) =>
  created(
    await reuseVerification({
      userId: auth.userId,
      verificationId: params.id,
      ...(auth.keyId ? { keyId: auth.keyId } : {}),
    }),
  ),
);
