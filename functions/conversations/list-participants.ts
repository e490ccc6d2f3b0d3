import { listParticipantsRoute } from '../../shared/conversations/routes';
import { listParticipants } from '../../shared/conversations/service/conversations';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(listParticipantsRoute, async ({ auth, params, query }) =>
  ok(await listParticipants(auth.userId, params.id, query)),
);
