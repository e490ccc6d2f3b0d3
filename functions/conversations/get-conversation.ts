import { getConversationRoute } from '../../shared/conversations/routes';
import { getConversation } from '../../shared/conversations/service/conversations';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(getConversationRoute, async ({ auth, params }) =>
  ok(await getConversation(auth.userId, params.id)),
);
