import { planRoutes } from './accounts/plan-routes';
import { accountRoutes } from './accounts/routes';
import { authRoutes } from './auth/routes';
import { conversationRoutes } from './conversations/routes';
import type { RouteDef } from './platform/http/route';
import { numberRoutes } from './numbers/routes';
import { smsRoutes } from './sms/routes';
import { verificationRoutes } from './verifications/routes';
import { webhookRoutes } from './webhooks/routes';

/**
 * The route table: every REST route once. CDK builds API Gateway resources and one Lambda per
 * handler module from it; the local gateway mounts it; /openapi.json is generated from it; the
 * security suite iterates over it. Each context owns its `routes.ts`; add new contexts here.
 */
export const routes: readonly RouteDef[] = [
  ...authRoutes,
  ...accountRoutes,
  ...planRoutes,
  ...conversationRoutes,
  ...numberRoutes,
  ...smsRoutes,
  ...verificationRoutes,
  ...webhookRoutes,
];

/** Handler modules (functions/<module>.ts) with the routes they serve. */
export function handlerModules(): Map<string, RouteDef[]> {
  const byModule = new Map<string, RouteDef[]>();
  for (const route of routes) byModule.set(route.handler, [...(byModule.get(route.handler) ?? []), route]);
  return byModule;
}
