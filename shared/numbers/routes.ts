import { defineRoute } from '../platform/http/route';
import {
  availableNumberDetailSchema,
  availableNumberPageSchema,
  cancelledNumberSchema,
  listAvailableQuery,
  ownedNumberPageSchema,
  ownedNumberSchema,
  listOwnedQuery,
  phoneNumberParams,
  purchaseBody,
  updateNumberBody,
} from './schemas';

export const listAvailableNumbersRoute = /* @__PURE__ */ defineRoute({
  id: 'listAvailableNumbers',
  method: 'GET',
  path: '/v1/numbers/available',
  handler: 'numbers/list-available',
  auth: 'user-or-key',
  scope: 'numbers:read',
  summary: 'Numbers for sale, filtered by country, type, capability and digits.',
  query: listAvailableQuery,
  responses: { 200: { schema: availableNumberPageSchema } },
});

export const getAvailableNumberRoute = /* @__PURE__ */ defineRoute({
  id: 'getAvailableNumber',
  method: 'GET',
  path: '/v1/numbers/available/{phoneNumber}',
  handler: 'numbers/get-available',
  auth: 'user-or-key',
  scope: 'numbers:read',
  summary: 'One number for sale, with prices and formats (404 unless for sale).',
  params: phoneNumberParams,
  responses: { 200: { schema: availableNumberDetailSchema } },
});

export const purchaseNumberRoute = /* @__PURE__ */ defineRoute({
  id: 'purchaseNumber',
  method: 'POST',
  path: '/v1/numbers',
  handler: 'numbers/purchase-number',
  auth: 'user-or-key',
  scope: 'numbers:write',
  summary: 'Buy a number: setup and first month are charged from the balance.',
  body: purchaseBody,
  idempotent: true,
  successStatus: 201,
  responses: { 201: { schema: ownedNumberSchema } },
  problems: {
    402: ['insufficient_funds'],
    403: ['limit_reached'],
    409: ['number_unavailable'],
    503: ['busy'],
  },
});

export const listNumbersRoute = /* @__PURE__ */ defineRoute({
  id: 'listNumbers',
  method: 'GET',
  path: '/v1/numbers',
  handler: 'numbers/list-numbers',
  auth: 'user-or-key',
  scope: 'numbers:read',
  summary: "The caller's numbers with status, renewal and usage this period.",
  query: listOwnedQuery,
  responses: { 200: { schema: ownedNumberPageSchema } },
});

export const getNumberRoute = /* @__PURE__ */ defineRoute({
  id: 'getNumber',
  method: 'GET',
  path: '/v1/numbers/{phoneNumber}',
  handler: 'numbers/get-number',
  auth: 'user-or-key',
  scope: 'numbers:read',
  summary: "One of the caller's numbers.",
  params: phoneNumberParams,
  responses: { 200: { schema: ownedNumberSchema } },
});

export const updateNumberRoute = /* @__PURE__ */ defineRoute({
  id: 'updateNumber',
  method: 'PATCH',
  path: '/v1/numbers/{phoneNumber}',
  handler: 'numbers/update-number',
  auth: 'user-or-key',
  scope: 'numbers:write',
  summary: 'Turn auto-renewal on or off.',
  params: phoneNumberParams,
  body: updateNumberBody,
  responses: { 200: { schema: ownedNumberSchema } },
  problems: { 409: ['invalid_state'] },
});

export const cancelNumberRoute = /* @__PURE__ */ defineRoute({
  id: 'cancelNumber',
  method: 'DELETE',
  path: '/v1/numbers/{phoneNumber}',
  handler: 'numbers/cancel-number',
  auth: 'user-or-key',
  scope: 'numbers:write',
  summary: 'Cancel: no further renewals; usable until renewsAt, then quarantined.',
  params: phoneNumberParams,
  responses: { 200: { schema: cancelledNumberSchema } },
  problems: { 409: ['invalid_state'] },
});

export const numberRoutes = [
  listAvailableNumbersRoute,
  getAvailableNumberRoute,
  purchaseNumberRoute,
  listNumbersRoute,
  getNumberRoute,
  updateNumberRoute,
  cancelNumberRoute,
] as const;
