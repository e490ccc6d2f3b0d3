import { httpHandler, ok } from '../../shared/http/handler';
import { servicesView } from '../../shared/verifications/catalogue';
import { listServicesRoute } from '../../shared/verifications/routes';

export const handler = httpHandler(listServicesRoute, async () =>
  ok(servicesView(), { 'cache-control': 'public, max-age=300' }),
);
