import { verifyEmailRoute } from '../../shared/auth/routes';
import { verifyEmail } from '../../shared/auth/service';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(verifyEmailRoute, async ({ body }) => {
  await verifyEmail(body.email, body.code);
  return ok({ emailVerified: true });
});
