import { created, httpHandler } from '../../shared/platform/http/handler';
import { reuseVerificationRoute } from '../../shared/verifications/routes';
import { reuseVerification } from '../../shared/verifications/service';

export const handler = httpHandler(reuseVerificationRoute, async ({ auth, params }) =>
  created(
    await reuseVerification({
      userId: auth.userId,
      verificationId: params.id,
      ...(auth.keyId ? { keyId: auth.keyId } : {}),
    }),
  ),
);
