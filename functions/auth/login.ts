import { loginRoute } from '../../shared/auth/routes';
import { login } from '../../shared/auth/service';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(loginRoute, async ({ body }) => {
  const tokens = await login(body.email, body.password);
  return ok({ ...tokens, tokenType: 'Bearer' }, { 'cache-control': 'no-store' });
});
