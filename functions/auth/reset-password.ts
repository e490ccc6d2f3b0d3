import { resetPasswordRoute } from '../../shared/auth/routes';
import { resetPassword } from '../../shared/auth/service';
import { httpHandler, noContent } from '../../shared/platform/http/handler';

export const handler = httpHandler(resetPasswordRoute, async ({ body }) => {
  await resetPassword(body.email, body.code, body.newPassword);
  return noContent();
});
