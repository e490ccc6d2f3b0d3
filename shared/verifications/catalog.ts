import * as z from '../platform/zod';
import { nonEmptyString } from '../platform/http/schemas';
import { config } from '../platform/config';

/**
 * The services a verification can be ordered for (5sim / SMS-Activate "products"). Each has a
 * price and a lifetime; `countries` restricts which pool countries may serve it (all when absent).
 * The catalog is configuration: `VERIFICATION_SERVICES` (a JSON array of the same shape)
 * replaces the defaults, so prices change without a deploy of code.
 */
export const DEFAULT_LIFETIME_MINUTES = 15;

const serviceSchema = /* @__PURE__ */ z.strictObject({
  id: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^[a-z0-9][a-z0-9_-]{1,31}$/)),
  name: /* @__PURE__ */ nonEmptyString(60),
  priceCents: /* @__PURE__ */ z
    .number()
    .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(100_000)),
  lifetimeMinutes: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(24 * 60)),
    DEFAULT_LIFETIME_MINUTES,
  ),
  countries: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(z.string().check(z.regex(/^[A-Z]{2}$/))).check(/* @__PURE__ */ z.minLength(1)),
  ),
});

export type CatalogService = z.infer<typeof serviceSchema>;

const catalogSchema = /* @__PURE__ */ z.array(serviceSchema).check(
  /* @__PURE__ */ z.minLength(1),
  /* @__PURE__ */ z.refine((list) => new Set(list.map((s) => s.id)).size === list.length, {
    message: 'Duplicate service id.',
  }),
);

const DEFAULT_SERVICES: readonly CatalogService[] = [
  { id: 'telegram', name: 'Telegram', priceCents: 25, lifetimeMinutes: 15 },
  { id: 'whatsapp', name: 'WhatsApp', priceCents: 30, lifetimeMinutes: 15 },
  { id: 'google', name: 'Google / Gmail / YouTube', priceCents: 20, lifetimeMinutes: 15 },
  { id: 'microsoft', name: 'Microsoft / Outlook', priceCents: 15, lifetimeMinutes: 15 },
  { id: 'instagram', name: 'Instagram', priceCents: 20, lifetimeMinutes: 15 },
  { id: 'facebook', name: 'Facebook', priceCents: 20, lifetimeMinutes: 15 },
  { id: 'tiktok', name: 'TikTok', priceCents: 15, lifetimeMinutes: 15 },
  { id: 'uber', name: 'Uber', priceCents: 15, lifetimeMinutes: 15 },
  { id: 'amazon', name: 'Amazon', priceCents: 15, lifetimeMinutes: 15 },
  { id: 'discord', name: 'Discord', priceCents: 12, lifetimeMinutes: 15 },
  { id: 'twitter', name: 'X (Twitter)', priceCents: 20, lifetimeMinutes: 15 },
  { id: 'signal', name: 'Signal', priceCents: 25, lifetimeMinutes: 15 },
  { id: 'snapchat', name: 'Snapchat', priceCents: 12, lifetimeMinutes: 15 },
  { id: 'linkedin', name: 'LinkedIn', priceCents: 15, lifetimeMinutes: 15 },
  { id: 'apple', name: 'Apple ID', priceCents: 20, lifetimeMinutes: 15 },
  { id: 'steam', name: 'Steam', priceCents: 10, lifetimeMinutes: 15 },
  { id: 'paypal', name: 'PayPal', priceCents: 30, lifetimeMinutes: 20 },
  { id: 'airbnb', name: 'Airbnb', priceCents: 15, lifetimeMinutes: 15 },
  { id: 'other', name: 'Any other service', priceCents: 10, lifetimeMinutes: 15 },
];

let cached: ReadonlyMap<string, CatalogService> | undefined;

/** Parses a catalog override; a broken override is a configuration error (fail fast). */
export function parseCatalog(json: string): CatalogService[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('Invalid configuration (verifications): VERIFICATION_SERVICES is not valid JSON');
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration (verifications): VERIFICATION_SERVICES ${problems}`);
  }
  return parsed.data;
}

function catalog(): ReadonlyMap<string, CatalogService> {
  if (cached) return cached;
  const override = config('verifications').VERIFICATION_SERVICES;
  const list = override ? parseCatalog(override) : DEFAULT_SERVICES;
  cached = new Map(list.map((s) => [s.id, s]));
  return cached;
}

export const listServices = (): CatalogService[] => [...catalog().values()];

export const findService = (id: string): CatalogService | undefined => catalog().get(id);

/** `GET /v1/verifications/services` body. */
export const servicesView = () =>
  listServices().map(({ id, name, priceCents, lifetimeMinutes, countries }) => ({
    id,
    name,
    priceCents,
    lifetimeMinutes,
    ...(countries ? { countries } : {}),
  }));

/** Forget the parsed catalog (tests that change the environment). */
export function resetCatalog(): void {
  cached = undefined;
}
