import * as z from 'zod';
import { cursorParam, limitParam } from '../http/schemas';
import { CAPABILITIES, NUMBER_TYPES } from './entities/inventory-number';
import { e164, e164PathParam, isCountryCode } from './phone';

/** Request schemas of the numbers context (../shared/API.md "Phone numbers"). */

export const listAvailableQuery = z.object({
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCountryCode, { message: 'country must be an ISO 3166-1 alpha-2 code, e.g. US.' })
    .optional(),
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

export const phoneNumberParams = z.object({ phoneNumber: e164PathParam });

export const purchaseBody = z
  .object({
    phoneNumber: e164,
    autoRenew: z.boolean().optional(),
  })
  .strict();

export const updateNumberBody = z.object({ autoRenew: z.boolean() }).strict();

export const listOwnedQuery = z.object({ limit: limitParam, cursor: cursorParam });
