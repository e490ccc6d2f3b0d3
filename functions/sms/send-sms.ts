import { accepted } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';
import { sendSmsRoute } from '../../shared/sms/routes';
import { sendSms } from '../../shared/sms/send';

export const handler = idempotentHandler(sendSmsRoute, async ({ body, auth }) =>
  accepted(
    await sendSms({
      userId: auth.userId,
      ...(auth.keyId ? { keyId: auth.keyId, scopes: auth.scopes } : {}),
      ...body,
    }),
  ),
);
