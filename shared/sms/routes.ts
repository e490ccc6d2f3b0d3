import { defineRoute } from '../platform/http/route';
import { pageQuery } from '../platform/http/schemas';
import { phoneNumberParams } from '../numbers/schemas';
import * as z from '../platform/zod';
import { optOutPageSchema, sendSmsBody, smsPriceSchema, smsQueuedSchema } from './schemas';

export const sendSmsRoute = /* @__PURE__ */ defineRoute({
  id: 'sendSms',
  method: 'POST',
  path: '/v1/sms',
  handler: 'sms/send-sms',
  auth: 'user-or-key',
  scope: 'sms:send',
  summary:
    'Send an SMS from an owned number: charged per segment at the destination price; stored in the conversation with `to`, sent by a queue worker.',
  body: sendSmsBody,
  idempotent: true,
  successStatus: 202,
  responses: { 202: { schema: smsQueuedSchema } },
  problems: {
    402: ['insufficient_funds'],
    403: ['destination_not_allowed', 'number_not_owned', 'recipient_opted_out'],
  },
});

export const smsPricingRoute = /* @__PURE__ */ defineRoute({
  id: 'getSmsPricing',
  method: 'GET',
  path: '/v1/sms/pricing',
  handler: 'sms/get-pricing',
  auth: 'public',
  summary: 'Allowed destination countries and the price of one SMS segment to each.',
  responses: { 200: { schema: /* @__PURE__ */ z.array(smsPriceSchema) } },
});

export const listOptOutsRoute = /* @__PURE__ */ defineRoute({
  id: 'listNumberOptOuts',
  method: 'GET',
  path: '/v1/numbers/{phoneNumber}/opt-outs',
  handler: 'sms/list-opt-outs',
  auth: 'user-or-key',
  scope: 'numbers:read',
  summary: 'Recipients who texted STOP (or another CTIA opt-out keyword) to one of your numbers.',
  params: phoneNumberParams,
  query: pageQuery,
  responses: { 200: { schema: optOutPageSchema } },
});

export const smsRoutes = [sendSmsRoute, smsPricingRoute, listOptOutsRoute] as const;
