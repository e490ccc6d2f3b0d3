import * as z from '../platform/zod';
import { config } from '../platform/config';
import { countryOf } from '../numbers/phone';

/**
 * What an outbound SMS costs and where it may go. Both are per deployment (env
 * `SMS_ALLOWED_COUNTRIES`, `SMS_PRICES`; CDK context `smsAllowedCountries` / `smsPrices`).
 * Defaults: the marketplace countries, priced near End User Messaging's list prices plus carrier
 * fees, rounded up to whole cents (money is integer cents).
 */
export const DEFAULT_PRICES: Readonly<Record<string, number>> = { US: 1, CA: 1, GB: 4, DE: 9, FR: 7 };

export interface SmsPrice {
  readonly country: string;
  readonly perSegmentCents: number;
}

const pricesJson = /* @__PURE__ */ z.record(
  /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^[A-Z]{2}$/)),
  /* @__PURE__ */ z
    .number()
    .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1000)),
);

let cached: { key: string; table: readonly SmsPrice[] } | undefined;

/** GET /v1/sms/pricing: every allowed destination with its per-segment price. */
export function pricingTable(): readonly SmsPrice[] {
  const { SMS_ALLOWED_COUNTRIES, SMS_PRICES } = config('smsPolicy');
  const key = `${SMS_ALLOWED_COUNTRIES}|${SMS_PRICES ?? ''}`;
  if (cached?.key === key) return cached.table;
  const prices = SMS_PRICES ? pricesJson.parse(JSON.parse(SMS_PRICES)) : DEFAULT_PRICES;
  const allowed = SMS_ALLOWED_COUNTRIES.split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const table = allowed.map((country) => {
    const perSegmentCents = prices[country];
    if (perSegmentCents === undefined) throw new Error(`SMS_PRICES has no price for ${country}`);
    return { country, perSegmentCents };
  });
  cached = { key, table };
  return table;
}

/** The price of sending to `to`, or undefined when its country is not an allowed destination. */
export function destinationPrice(to: string): SmsPrice | undefined {
  const country = countryOf(to);
  return country ? pricingTable().find((p) => p.country === country) : undefined;
}

export const allowedCountries = (): string[] => pricingTable().map((p) => p.country);
