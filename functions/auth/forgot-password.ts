import { forgotPasswordRoute } from '../../shared/auth/routes';
import { forgotPassword } from '../../shared/auth/service';
import { accepted, httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(forgotPasswordRoute, async ({ body }) => {
  await forgotPassword(body.email);
  return accepted();
});
