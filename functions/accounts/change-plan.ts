import { changePlan } from '../../shared/accounts/change-plan';
import { changePlanRoute } from '../../shared/accounts/plan-routes';
import { ok } from '../../shared/platform/http/handler';
import { idempotentHandler } from '../../shared/platform/http/idempotency';

export const handler = idempotentHandler(changePlanRoute, async ({ auth, body }) =>
  ok(await changePlan(auth.userId, body.plan)),
);
