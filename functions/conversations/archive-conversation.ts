import { archiveConversationRoute } from '../../shared/conversations/routes';
import { archiveConversation } from '../../shared/conversations/service/conversations';
import { httpHandler, noContent } from '../../shared/platform/http/handler';

export const handler = httpHandler(archiveConversationRoute, async ({ auth, params }) => {
  await archiveConversation(auth.userId, params.id);
  return noContent();
});
