import { restoreConversationRoute } from '../../shared/conversations/routes';
import { restoreConversation } from '../../shared/conversations/service/conversations';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(restoreConversationRoute, async ({ auth, params }) =>
  ok(await restoreConversation(auth.userId, params.id)),
);
