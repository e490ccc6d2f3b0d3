import { registerRoute } from '../../shared/auth/routes';
import { register } from '../../shared/auth/service';
import { created, httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(registerRoute, async ({ body }) => created(await register(body)));
