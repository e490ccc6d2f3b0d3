import { searchMessagesRoute } from '../../shared/conversations/routes';
import { searchMessages } from '../../shared/conversations/search';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(searchMessagesRoute, async ({ auth, query }) =>
  ok(await searchMessages(auth.userId, query)),
);
