import { sendMessageRoute } from '../../shared/conversations/routes';
import { postMessage } from '../../shared/conversations/send';
import { created, ok } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

/** 201 for a new message; 200 with the first message when a clientMessageId is retried. */
export const handler = idempotentHandler(sendMessageRoute, async ({ auth, params, body }) => {
  const { message, created: isNew } = await postMessage(auth, params.id, body);
  return isNew ? created(message) : ok(message);
});
