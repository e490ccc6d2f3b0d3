import { httpHandler, ok } from '../../shared/platform/http/handler';
import { listOptOuts } from '../../shared/sms/opt-outs';
import { listOptOutsRoute } from '../../shared/sms/routes';

export const handler = httpHandler(listOptOutsRoute, async ({ params, query, auth }) =>
  ok(
    await listOptOuts(auth.userId, params.phoneNumber, {
      limit: query.limit,
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
  ),
);
