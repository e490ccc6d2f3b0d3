import * as z from 'zod';
import { defineRoute } from '../http/route';
import { text } from '../http/schemas';
import { PLAN_IDS } from './plans';

export const listPlansRoute = defineRoute({
  id: 'listPlans',
  method: 'GET',
  path: '/v1/plans',
  handler: 'accounts/list-plans',
  auth: 'public',
  summary: 'Plans with prices and limits.',
});

export const temporaryIncreaseRoute = defineRoute({
  id: 'requestTemporaryIncrease',
  method: 'POST',
  path: '/v1/me/limits/temporary-increase',
  handler: 'accounts/request-temporary-increase',
  auth: 'user',
  summary: 'Double every limit for 24 h (verified email; one at a time).',
  body: z.object({ reason: text(1, 500) }).strict(),
  idempotent: true,
  successStatus: 201,
});

export const changePlanRoute = defineRoute({
  id: 'changePlan',
  method: 'POST',
  path: '/v1/me/plan',
  handler: 'accounts/change-plan',
  auth: 'user',
  summary: "Change the plan: an upgrade charges the new plan's monthly price from the balance.",
  body: z.object({ plan: z.enum(PLAN_IDS) }).strict(),
  idempotent: true,
});

export const planRoutes = [listPlansRoute, changePlanRoute, temporaryIncreaseRoute] as const;
