import { httpHandler, ok } from '../../shared/platform/http/handler';
import { servicesView } from '../../shared/verifications/catalog';
import { listServicesRoute } from '../../shared/verifications/routes';

export const handler = httpHandler(listServicesRoute, async () =>
  ok(servicesView(), { 'cache-control': 'public, max-age=300' }),
);
