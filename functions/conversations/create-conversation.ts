import { createConversationRoute } from '../../shared/conversations/routes';
import { createConversation } from '../../shared/conversations/service/conversations';
import { created, httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(createConversationRoute, async ({ auth, body }) =>
  created(await createConversation(auth.userId, body)),
);
