import * as z from 'zod';
import { cursorParam, limitParam, page, timestamp } from '../platform/http/schemas';
import { CAPABILITIES, NUMBER_TYPES } from './entities/inventory-number';
import { OWNED_STATUSES } from './entities/owned-number';
import { e164, e164PathParam, isCountryCode } from './phone';

/** Request schemas of the numbers context (../shared/API.md "Phone numbers"). */

const countryParam = /* @__PURE__ */ z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCountryCode, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. US.' });

export const listAvailableQuery = /* @__PURE__ */ z.object({
  country: countryParam.optional(),
  type: z.enum(NUMBER_TYPES, { message: `type must be one of ${NUMBER_TYPES.join(', ')}.` }).optional(),
  capability: z
    .enum(CAPABILITIES, { message: `capability must be one of ${CAPABILITIES.join(', ')}.` })
    .optional(),
  contains: z
    .string()
    .regex(/^[0-9]{1,15}$/, { message: 'contains must be 1 to 15 digits.' })
    .optional(),
  limit: limitParam,
  cursor: cursorParam,
});

export const phoneNumberParams = /* @__PURE__ */ z.object({ phoneNumber: e164PathParam });

/**
 * Either a number from the marketplace (`phoneNumber`), or any number of a country and type
 * (`country`, `type`, optional `capabilities`): requested from the carrier where on-demand
 * provisioning is enabled, else the first matching available number.
 */
export const purchaseBody = /* @__PURE__ */ z
  .object({
    phoneNumber: e164.optional(),
    country: countryParam.optional(),
    type: z.enum(NUMBER_TYPES, { message: `type must be one of ${NUMBER_TYPES.join(', ')}.` }).optional(),
    capabilities: z
      .array(z.enum(CAPABILITIES, { message: `capabilities must be among ${CAPABILITIES.join(', ')}.` }))
      .min(1)
      .max(CAPABILITIES.length)
      .optional(),
    autoRenew: z.boolean().optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const byNumber = body.phoneNumber !== undefined;
    const byKind = body.country !== undefined || body.type !== undefined || body.capabilities !== undefined;
    if (byNumber && byKind)
      ctx.addIssue({
        code: 'custom',
        path: ['phoneNumber'],
        message: 'Give either phoneNumber, or country and type (with optional capabilities), not both.',
      });
    if (!byNumber && !byKind)
      ctx.addIssue({
        code: 'custom',
        path: ['phoneNumber'],
        message: 'phoneNumber (or country and type) is required.',
      });
    if (!byNumber && byKind && (body.country === undefined || body.type === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [body.country === undefined ? 'country' : 'type'],
        message: 'country and type are both required to buy any number of a kind.',
      });
  })
  .meta({
    description:
      'Either `phoneNumber` (a number from GET /v1/numbers/available), or `country` + `type` ' +
      '(+ optional `capabilities`) to buy any such number: in AWS with on-demand provisioning it is ' +
      'requested from End User Messaging (RequestPhoneNumber), else the first matching available number.',
  });

export const updateNumberBody = /* @__PURE__ */ z.object({ autoRenew: z.boolean() }).strict();

export const listOwnedQuery = /* @__PURE__ */ z.object({ limit: limitParam, cursor: cursorParam });

// Responses (shared/numbers/inventory.ts and service.ts build them)

export const availableNumberSchema = /* @__PURE__ */ z
  .object({
    phoneNumber: z.string(),
    country: z.string(),
    region: z.string().optional(),
    type: z.enum(NUMBER_TYPES),
    capabilities: z.array(z.enum(CAPABILITIES)),
    monthlyPriceCents: z.number().int(),
    setupPriceCents: z.number().int(),
  })
  .meta({
    id: 'AvailableNumber',
    examples: [
      {
        phoneNumber: '+14155550123',
        country: 'US',
        region: 'CA',
        type: 'local',
        capabilities: ['sms', 'voice'],
        monthlyPriceCents: 115,
        setupPriceCents: 0,
      },
    ],
  });

export const availableNumberDetailSchema = availableNumberSchema
  .extend({
    currency: z.literal('USD'),
    firstPaymentCents: z
      .number()
      .int()
      .meta({ description: 'Charged at purchase: setup + the first month.' }),
    nationalFormat: z.string(),
    internationalFormat: z.string(),
  })
  .meta({ id: 'AvailableNumberDetail' });

export const ownedNumberSchema = /* @__PURE__ */ z
  .object({
    phoneNumber: z.string(),
    country: z.string(),
    region: z.string().optional(),
    type: z.enum(NUMBER_TYPES),
    capabilities: z.array(z.enum(CAPABILITIES)),
    status: z.enum(OWNED_STATUSES),
    autoRenew: z.boolean(),
    purchasedAt: timestamp,
    renewsAt: timestamp,
    monthlyPriceCents: z.number().int(),
    usage: z.object({ smsSent: z.number().int(), smsReceived: z.number().int(), periodStart: timestamp }),
    cancelledAt: timestamp.optional(),
    expiredAt: timestamp.optional(),
  })
  .meta({ id: 'OwnedNumber' });

export const availableNumberPageSchema = /* @__PURE__ */ page(availableNumberSchema);
export const ownedNumberPageSchema = /* @__PURE__ */ page(ownedNumberSchema);
export const cancelledNumberSchema = /* @__PURE__ */ z.object({
  status: z.literal('cancelled'),
  renewsAt: timestamp,
});
