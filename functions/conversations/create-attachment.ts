import { createAttachmentRoute } from '../../shared/conversations/routes';
import { createAttachment } from '../../shared/conversations/service/attachment-slots';
import { created, httpHandler } from '../../shared/platform/http/handler';

export const handler = httpHandler(createAttachmentRoute, async ({ auth, params, body }) =>
  created(await createAttachment(auth.userId, params.id, body)),
);
