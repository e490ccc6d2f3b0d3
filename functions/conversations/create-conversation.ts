import { createConversationRoute } from '../../shared/conversations/routes';
import { createConversation } from '../../shared/conversations/service/conversations';
import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

export const handler = idempotentHandler(createConversationRoute, async ({ auth, body }) =>
  created(await createConversation(auth.userId, body)),
);
