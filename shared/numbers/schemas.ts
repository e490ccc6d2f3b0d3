import * as z from '../platform/zod';
import { cursorParam, limitParam, page, timestamp } from '../platform/http/schemas';
import { CAPABILITIES, NUMBER_TYPES } from './entities/inventory-number';
import { OWNED_STATUSES } from './entities/owned-number';
import { e164, e164PathParam, isCountryCode } from './phone';

/** Request schemas of the numbers context (../shared/API.md "Phone numbers"). */

const countryParam = /* @__PURE__ */ z
  .pipe(
    z.string().check(z.trim()),
    z.transform((v: string) => v.toUpperCase()),
  )
  .check(
    /* @__PURE__ */ z.refine(isCountryCode, {
      message: 'country must be an ISO 3166-1 alpha-2 code, e.g. US.',
    }),
  );

export const listAvailableQuery = /* @__PURE__ */ z.object({
  country: /* @__PURE__ */ z.optional(countryParam),
  type: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.enum(NUMBER_TYPES, { error: () => `type must be one of ${NUMBER_TYPES.join(', ')}.` }),
  ),
  capability: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.enum(CAPABILITIES, {
      error: () => `capability must be one of ${CAPABILITIES.join(', ')}.`,
    }),
  ),
  contains: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(/* @__PURE__ */ z.regex(/^[0-9]{1,15}$/, { message: 'contains must be 1 to 15 digits.' })),
  ),
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
  .strictObject({
    phoneNumber: z.optional(e164),
    country: z.optional(countryParam),
    type: z.optional(
      z.enum(NUMBER_TYPES, { error: () => `type must be one of ${NUMBER_TYPES.join(', ')}.` }),
    ),
    capabilities: z.optional(
      z
        .array(
          z.enum(CAPABILITIES, { error: () => `capabilities must be among ${CAPABILITIES.join(', ')}.` }),
        )
        .check(z.minLength(1), z.maxLength(CAPABILITIES.length)),
    ),
    autoRenew: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((body, ctx) => {
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
    }),
  )
  .check(
    /* @__PURE__ */ z.meta({
      description:
        'Either `phoneNumber` (a number from GET /v1/numbers/available), or `country` + `type` ' +
        '(+ optional `capabilities`) to buy any such number: in AWS with on-demand provisioning it is ' +
        'requested from End User Messaging (RequestPhoneNumber), else the first matching available number.',
    }),
  );

export const updateNumberBody = /* @__PURE__ */ z.strictObject({ autoRenew: /* @__PURE__ */ z.boolean() });

export const listOwnedQuery = /* @__PURE__ */ z.object({ limit: limitParam, cursor: cursorParam });

// Responses (shared/numbers/inventory.ts and service.ts build them)

/**
 * The AvailableNumber object without its metadata: zod/mini's `z.meta` is a check, and checks are
 * copied by `z.extend`, so AvailableNumberDetail extends this one (as classic `.extend` did not
 * carry `.meta()` over) instead of inheriting AvailableNumber's id and examples.
 */
const availableNumberObject = /* @__PURE__ */ z.object({
  phoneNumber: /* @__PURE__ */ z.string(),
  country: /* @__PURE__ */ z.string(),
  region: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  type: /* @__PURE__ */ z.enum(NUMBER_TYPES),
  capabilities: /* @__PURE__ */ z.array(/* @__PURE__ */ z.enum(CAPABILITIES)),
  monthlyPriceCents: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int()),
  setupPriceCents: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int()),
});

export const availableNumberSchema = /* @__PURE__ */ availableNumberObject.check(
  /* @__PURE__ */ z.meta({
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
  }),
);

export const availableNumberDetailSchema = /* @__PURE__ */ z
  .extend(availableNumberObject, {
    currency: z.literal('USD'),
    firstPaymentCents: z
      .number()
      .check(z.int())
      .check(z.meta({ description: 'Charged at purchase: setup + the first month.' })),
    nationalFormat: z.string(),
    internationalFormat: z.string(),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'AvailableNumberDetail' }));

export const ownedNumberSchema = /* @__PURE__ */ z
  .object({
    phoneNumber: z.string(),
    country: z.string(),
    region: z.optional(z.string()),
    type: z.enum(NUMBER_TYPES),
    capabilities: z.array(z.enum(CAPABILITIES)),
    status: z.enum(OWNED_STATUSES),
    autoRenew: z.boolean(),
    purchasedAt: timestamp,
    renewsAt: timestamp,
    monthlyPriceCents: z.number().check(z.int()),
    usage: z.object({
      smsSent: z.number().check(z.int()),
      smsReceived: z.number().check(z.int()),
      periodStart: timestamp,
    }),
    cancelledAt: z.optional(timestamp),
    expiredAt: z.optional(timestamp),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'OwnedNumber' }));

export const availableNumberPageSchema = /* @__PURE__ */ page(availableNumberSchema);
export const ownedNumberPageSchema = /* @__PURE__ */ page(ownedNumberSchema);
export const cancelledNumberSchema = /* @__PURE__ */ z.object({
  status: /* @__PURE__ */ z.literal('cancelled'),
  renewsAt: timestamp,
});
