import { listConversationsRoute } from '../../shared/conversations/routes';
import { listConversations } from '../../shared/conversations/service/conversations';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(listConversationsRoute, async ({ auth, query }) =>
  ok(await listConversations(auth.userId, query)),
);
