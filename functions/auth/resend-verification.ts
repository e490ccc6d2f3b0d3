import { resendVerificationRoute } from '../../shared/auth/routes';
import { resendVerification } from '../../shared/auth/service';
import { accepted, httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(resendVerificationRoute, async ({ body }) => {
  await resendVerification(body.email);
  return accepted();
});
