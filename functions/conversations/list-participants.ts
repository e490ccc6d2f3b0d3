import { listParticipantsRoute } from '../../shared/conversations/routes';
import { listParticipants } from '../../shared/conversations/service';
import { httpHandler, ok } from '../../shared/http/handler';

export const handler = httpHandler(listParticipantsRoute, async ({ auth, params, query }) =>
  ok(await listParticipants(auth.userId, params.id, query)),
);
