import { markReadRoute } from '../../shared/conversations/routes';
import { markRead } from '../../shared/conversations/service/receipts';
import { httpHandler, noContent } from '../../shared/platform/http/handler';

export const handler = httpHandler(markReadRoute, async ({ auth, params, body }) => {
  await markRead(auth.userId, params.id, body.messageId);
  return noContent();
});
