import { changePlan } from '../../shared/accounts/change-plan';
import { changePlanRoute } from '../../shared/accounts/plan-routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(changePlanRoute, async ({ auth, body }) =>
  ok(await changePlan(auth.userId, body.plan)),
);
