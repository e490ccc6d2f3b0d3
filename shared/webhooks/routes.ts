import { defineRoute } from '../platform/http/route';
import { emptyBody } from '../platform/http/schemas';
import * as z from '../platform/zod';
import {
  createWebhookBody,
  deliveriesQuery,
  deliveryParams,
  createdWebhookSchema,
  patchWebhookBody,
  webhookDeliveryPageSchema,
  webhookListSchema,
  webhookParams,
  webhookPingSchema,
  webhookSchema,
  webhookSecretSchema,
} from './schemas';

export const createWebhookRoute = /* @__PURE__ */ defineRoute({
  id: 'createWebhook',
  method: 'POST',
  path: '/v1/webhooks',
  handler: 'webhooks/create-webhook',
  auth: 'user-or-key',
  scope: 'webhooks:write',
  summary: 'Register a webhook endpoint (at most 10); the signing secret is shown only in this response.',
  body: createWebhookBody,
  successStatus: 201,
  responses: { 201: { schema: createdWebhookSchema } },
  problems: { 400: ['invalid_url'], 403: ['limit_reached'] },
});

export const listWebhooksRoute = /* @__PURE__ */ defineRoute({
  id: 'listWebhooks',
  method: 'GET',
  path: '/v1/webhooks',
  handler: 'webhooks/list-webhooks',
  auth: 'user-or-key',
  scope: 'webhooks:read',
  summary: "The caller's webhook endpoints.",
  responses: { 200: { schema: webhookListSchema } },
});

export const getWebhookRoute = /* @__PURE__ */ defineRoute({
  id: 'getWebhook',
  method: 'GET',
  path: '/v1/webhooks/{id}',
  handler: 'webhooks/get-webhook',
  auth: 'user-or-key',
  scope: 'webhooks:read',
  summary: 'One webhook endpoint (never its secret).',
  params: webhookParams,
  responses: { 200: { schema: webhookSchema } },
});

export const patchWebhookRoute = /* @__PURE__ */ defineRoute({
  id: 'patchWebhook',
  method: 'PATCH',
  path: '/v1/webhooks/{id}',
  handler: 'webhooks/patch-webhook',
  auth: 'user-or-key',
  scope: 'webhooks:write',
  summary: 'Change the URL, events, description, or enable/disable the endpoint.',
  params: webhookParams,
  body: patchWebhookBody,
  responses: { 200: { schema: webhookSchema } },
  problems: { 400: ['invalid_url'] },
});

export const deleteWebhookRoute = /* @__PURE__ */ defineRoute({
  id: 'deleteWebhook',
  method: 'DELETE',
  path: '/v1/webhooks/{id}',
  handler: 'webhooks/delete-webhook',
  auth: 'user-or-key',
  scope: 'webhooks:write',
  summary: 'Delete the endpoint; nothing more is delivered to it.',
  params: webhookParams,
  successStatus: 204,
  responses: { 204: {} },
});

export const testWebhookRoute = /* @__PURE__ */ defineRoute({
  id: 'testWebhook',
  method: 'POST',
  path: '/v1/webhooks/{id}/test',
  handler: 'webhooks/test-webhook',
  auth: 'user-or-key',
  scope: 'webhooks:write',
  summary: 'Send a `ping` event to the endpoint (202).',
  params: webhookParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  successStatus: 202,
  responses: { 202: { schema: webhookPingSchema } },
});

export const rotateWebhookSecretRoute = /* @__PURE__ */ defineRoute({
  id: 'rotateWebhookSecret',
  method: 'POST',
  path: '/v1/webhooks/{id}/rotate-secret',
  handler: 'webhooks/rotate-webhook-secret',
  auth: 'user-or-key',
  scope: 'webhooks:write',
  summary: 'New signing secret (shown once); the previous one still signs for 24 h.',
  params: webhookParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  responses: { 200: { schema: webhookSecretSchema } },
});

export const listDeliveriesRoute = /* @__PURE__ */ defineRoute({
  id: 'listWebhookDeliveries',
  method: 'GET',
  path: '/v1/webhooks/{id}/deliveries',
  handler: 'webhooks/list-deliveries',
  auth: 'user-or-key',
  scope: 'webhooks:read',
  summary: 'Delivery log, newest first: attempts, last status code, next attempt.',
  params: webhookParams,
  query: deliveriesQuery,
  responses: { 200: { schema: webhookDeliveryPageSchema } },
});

export const redeliverRoute = /* @__PURE__ */ defineRoute({
  id: 'redeliverWebhook',
  method: 'POST',
  path: '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
  handler: 'webhooks/redeliver',
  auth: 'user-or-key',
  scope: 'webhooks:write',
  summary: 'Deliver the same event (same id) again now (202).',
  params: deliveryParams,
  body: /* @__PURE__ */ z.optional(emptyBody),
  successStatus: 202,
  responses: { 202: { description: 'Queued for delivery now (no body).' } },
});

export const webhookRoutes = [
  createWebhookRoute,
  listWebhooksRoute,
  getWebhookRoute,
  patchWebhookRoute,
  deleteWebhookRoute,
  testWebhookRoute,
  rotateWebhookSecretRoute,
  listDeliveriesRoute,
  redeliverRoute,
] as const;
