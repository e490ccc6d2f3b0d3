import { logoutRoute } from '../../shared/auth/routes';
import { logout } from '../../shared/auth/service';
import { httpHandler, noContent } from '../../shared/platform/http/handler';

export const handler = httpHandler(logoutRoute, async ({ auth, body }) => {
  await logout(auth, body?.refreshToken);
  return noContent();
});
