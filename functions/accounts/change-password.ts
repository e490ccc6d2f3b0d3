import { changePasswordRoute } from '../../shared/accounts/routes';
import { changePassword } from '../../shared/accounts/service';
import { httpHandler, noContent } from '../../shared/platform/http/handler';

export const handler = httpHandler(changePasswordRoute, async ({ auth, body, headers }) => {
  await changePassword(auth, headers.authorization, body.currentPassword, body.newPassword);
  return noContent();
});
