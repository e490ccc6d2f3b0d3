import { refreshRoute } from '../../shared/auth/routes';
import { refresh } from '../../shared/auth/service';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(refreshRoute, async ({ body }) => {
  const tokens = await refresh(body.refreshToken);
  return ok({ ...tokens, tokenType: 'Bearer' }, { 'cache-control': 'no-store' });
});
