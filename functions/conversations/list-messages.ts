import { listMessagesRoute } from '../../shared/conversations/routes';
import { listMessages } from '../../shared/conversations/service/history';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(listMessagesRoute, async ({ auth, params, query }) =>
  ok(await listMessages(auth.userId, params.id, query)),
);
