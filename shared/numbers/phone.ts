import {
  isSupportedCountry as supportedCountry,
  isValidPhoneNumber as validPhoneNumber,
  type MetadataJson,
  parsePhoneNumberFromString as parseWith,
} from 'libphonenumber-js/core';
import * as z from '../platform/zod';
import phoneMetadata from './phone-metadata.json';

/**
 * E.164 phone numbers, validated with libphonenumber-js's full ("max") metadata so that a
 * number is accepted only if it is dialable in its country, not merely the right length.
 * Every phone number the API accepts (paths, bodies, carrier events) goes through here.
 *
 * The metadata is the max metadata without its formatting rules (./phone-metadata.json, written
 * by tools/phone-metadata.ts): nothing here formats a number (./phone-format.ts puts the rules back
 * for the marketplace detail). A unit test proves every answer equal to the max metadata's.
 */
const metadata = phoneMetadata as unknown as MetadataJson;
const isValidPhoneNumber = (value: string): boolean => validPhoneNumber(value, metadata);
const parsePhoneNumberFromString = (value: string) => parseWith(value, metadata);
const isSupportedCountry = (value: string): boolean =>
  supportedCountry(value as Parameters<typeof supportedCountry>[0], metadata);

const E164_SHAPE = /^\+[1-9]\d{6,14}$/;

/** True for a valid phone number written in E.164 (`+14155550123`). */
export function isE164(value: string): boolean {
  return E164_SHAPE.test(value) && isValidPhoneNumber(value);
}

/** ISO 3166-1 alpha-2 country of a valid E.164 number (`+14155550123` -> `US`). */
export function countryOf(value: string): string | undefined {
  return parsePhoneNumberFromString(value)?.country;
}

/** libphonenumber's line type: MOBILE, FIXED_LINE, TOLL_FREE, FIXED_LINE_OR_MOBILE... */
export function lineTypeOf(value: string): string | undefined {
  return parsePhoneNumberFromString(value)?.getType();
}

/** True for an ISO 3166-1 alpha-2 code that has a telephone numbering plan. */
export const isCountryCode = (value: string): boolean =>
  /^[A-Z]{2}$/.test(value) && isSupportedCountry(value);

const E164_MESSAGE = 'Must be a valid phone number in E.164 format, e.g. +14155550123.';

/** A body or query field holding an E.164 number. */
export const e164 = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.refine(isE164, { message: E164_MESSAGE }));

/**
 * A path segment holding an E.164 number. The `+` must be URL-encoded (`%2B`); API Gateway and
 * the local gateway decode path parameters, but a still-encoded value is decoded here as well,
 * and a `+` that a form decoder turned into a space is restored.
 */
export const e164PathParam = /* @__PURE__ */ z
  .pipe(
    z.string(),
    z.transform((raw: string) => {
      let value = raw;
      if (value.includes('%')) {
        try {
          value = decodeURIComponent(value);
        } catch {
          return raw;
        }
      }
      return value.replace(/^ (?=\d)/, '+');
    }),
  )
  .check(/* @__PURE__ */ z.refine(isE164, { message: E164_MESSAGE }));
