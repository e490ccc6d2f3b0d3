import { createAttachmentRoute } from '../../shared/conversations/routes';
import { createAttachment } from '../../shared/conversations/service/attachment-slots';
import { created } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

export const handler = idempotentHandler(createAttachmentRoute, async ({ auth, params, body }) =>
  created(await createAttachment(auth.userId, params.id, body)),
);
