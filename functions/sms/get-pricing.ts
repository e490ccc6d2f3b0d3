import { httpHandler, ok } from '../../shared/platform/http/handler';
import { pricingTable } from '../../shared/sms/pricing';
import { smsPricingRoute } from '../../shared/sms/routes';

export const handler = httpHandler(smsPricingRoute, async () =>
  ok([...pricingTable()], { 'cache-control': 'public, max-age=300' }),
);
