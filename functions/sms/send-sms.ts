import { accepted, httpHandler } from '../../shared/platform/http/handler';
import { sendSmsRoute } from '../../shared/sms/routes';
import { sendSms } from '../../shared/sms/send';

export const handler = httpHandler(sendSmsRoute, async ({ body, auth }) =>
  accepted(
    await sendSms({
      userId: auth.userId,
      ...(auth.keyId ? { keyId: auth.keyId, scopes: auth.scopes } : {}),
      ...body,
    }),
  ),
);
