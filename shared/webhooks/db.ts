import { dataService } from '../platform/db/data-service';
import { WebhookEndpoint, WebhookEndpointCount } from './entities/webhook-endpoint';
import { WebhookDelivery } from './entities/webhook-delivery';

/** The entities the webhooks code reads and writes, and those its transactions span (see dataService). */
export const entities = {
  webhookEndpoint: WebhookEndpoint,
  webhookEndpointCount: WebhookEndpointCount,
  webhookDelivery: WebhookDelivery,
};

export const db = /* @__PURE__ */ dataService(entities);
