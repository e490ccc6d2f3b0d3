import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { createVerificationRoute } from '../../shared/verifications/routes';
import { createVerification } from '../../shared/verifications/service';

export const handler = idempotentHandler(createVerificationRoute, async ({ auth, body }) =>
  created(
    await createVerification({
      userId: auth.userId,
      service: body.service,
      ...(body.country ? { country: body.country } : {}),
      ...(auth.keyId ? { keyId: auth.keyId } : {}),
    }),
  ),
);
