import { plansView } from '../../shared/accounts/plans';
import { listPlansRoute } from '../../shared/accounts/plan-routes';
import { httpHandler, ok } from '../../shared/platform/http/handler';

export const handler = httpHandler(listPlansRoute, async () =>
  ok(plansView(), { 'cache-control': 'public, max-age=300' }),
);
