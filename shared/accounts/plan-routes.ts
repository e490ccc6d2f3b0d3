import * as z from '../platform/zod';
import { defineRoute } from '../platform/http/route';
import { text } from '../platform/http/schemas';
import { PLAN_IDS } from './plans';
import { planChangeSchema, planSchema, temporaryIncreaseSchema } from './schemas';

export const listPlansRoute = /* @__PURE__ */ defineRoute({
  id: 'listPlans',
  method: 'GET',
  path: '/v1/plans',
  handler: 'accounts/list-plans',
  auth: 'public',
  summary: 'Plans with prices and limits.',
  responses: { 200: { schema: /* @__PURE__ */ z.array(planSchema) } },
});

export const temporaryIncreaseRoute = /* @__PURE__ */ defineRoute({
  id: 'requestTemporaryIncrease',
  method: 'POST',
  path: '/v1/me/limits/temporary-increase',
  handler: 'accounts/request-temporary-increase',
  auth: 'user',
  summary: 'Double every limit for 24 h (verified email; one at a time).',
  body: /* @__PURE__ */ z.strictObject({ reason: /* @__PURE__ */ text(1, 500) }),
  idempotent: true,
  successStatus: 201,
  responses: { 201: { schema: temporaryIncreaseSchema } },
  problems: { 403: ['not_eligible'], 409: ['temporary_increase_active', 'temporary_increase_unavailable'] },
});

export const changePlanRoute = /* @__PURE__ */ defineRoute({
  id: 'changePlan',
  method: 'POST',
  path: '/v1/me/plan',
  handler: 'accounts/change-plan',
  auth: 'user',
  summary: "Change the plan: an upgrade charges the new plan's monthly price from the balance.",
  body: /* @__PURE__ */ z.strictObject({ plan: /* @__PURE__ */ z.enum(PLAN_IDS) }),
  idempotent: true,
  responses: { 200: { schema: planChangeSchema } },
  problems: { 402: ['insufficient_funds'], 409: ['conflict'] },
});

export const planRoutes = [listPlansRoute, changePlanRoute, temporaryIncreaseRoute] as const;
