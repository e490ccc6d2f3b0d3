import type { Capability, NumberType } from './entities/inventory-number';
import { countryOf, isE164, lineTypeOf } from './phone';

/**
 * The local inventory: realistic numbers in US, CA, GB, DE and FR, and the verification pool.
 *
 * Numbers are generated from real numbering plans (area codes, mobile prefixes, toll-free
 * ranges) with a seeded PRNG, so every start produces the same list and seeding stays idempotent.
 * Each candidate must be a valid number of the intended country and line type according to
 * libphonenumber-js (full metadata); candidates that are not are skipped.
 */
export interface InventoryInput {
  readonly phoneNumber: string;
  readonly country: string;
  readonly region?: string;
  readonly type: NumberType;
  readonly capabilities: readonly Capability[];
  readonly monthlyPriceCents: number;
  readonly setupPriceCents: number;
}

interface Plan {
  readonly country: string;
  readonly type: NumberType;
  /** National prefix (after the country calling code) and the region it serves. */
  readonly prefixes: ReadonlyArray<readonly [prefix: string, region?: string]>;
  /** Digits after the prefix. */
  readonly digits: number;
  readonly count: number;
  readonly capabilities: readonly Capability[];
  readonly monthlyPriceCents: number;
  readonly setupPriceCents: number;
}

const CALLING_CODES: Readonly<Record<string, string>> = { US: '1', CA: '1', GB: '44', DE: '49', FR: '33' };

/** libphonenumber line types acceptable for each of our types. */
const LINE_TYPES: Readonly<Record<NumberType, readonly string[]>> = {
  local: ['FIXED_LINE', 'FIXED_LINE_OR_MOBILE'],
  mobile: ['MOBILE', 'FIXED_LINE_OR_MOBILE'],
  tollfree: ['TOLL_FREE'],
};

const SMS_MMS_VOICE: readonly Capability[] = ['sms', 'mms', 'voice'];
const SMS_VOICE: readonly Capability[] = ['sms', 'voice'];
const SMS_ONLY: readonly Capability[] = ['sms'];

const MARKETPLACE: readonly Plan[] = [
  {
    country: 'US',
    type: 'local',
    prefixes: [
      ['415', 'CA'],
      ['212', 'NY'],
      ['312', 'IL'],
      ['206', 'WA'],
      ['512', 'TX'],
      ['305', 'FL'],
      ['617', 'MA'],
      ['303', 'CO'],
    ],
    digits: 7,
    count: 40,
    capabilities: SMS_MMS_VOICE,
    monthlyPriceCents: 115,
    setupPriceCents: 0,
  },
  {
    country: 'US',
    type: 'tollfree',
    prefixes: [['800'], ['833'], ['844'], ['855'], ['866'], ['877'], ['888']],
    digits: 7,
    count: 12,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 215,
    setupPriceCents: 0,
  },
  {
    country: 'CA',
    type: 'local',
    prefixes: [
      ['416', 'ON'],
      ['604', 'BC'],
      ['514', 'QC'],
      ['403', 'AB'],
      ['613', 'ON'],
    ],
    digits: 7,
    count: 30,
    capabilities: SMS_MMS_VOICE,
    monthlyPriceCents: 130,
    setupPriceCents: 0,
  },
  {
    country: 'GB',
    type: 'local',
    prefixes: [
      ['203', 'London'],
      ['207', 'London'],
      ['161', 'Manchester'],
      ['121', 'Birmingham'],
      ['141', 'Glasgow'],
      ['131', 'Edinburgh'],
    ],
    digits: 7,
    count: 14,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 150,
    setupPriceCents: 100,
  },
  {
    country: 'GB',
    type: 'mobile',
    prefixes: [['7400'], ['7500'], ['7800'], ['7900'], ['7700']],
    digits: 6,
    count: 14,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 375,
    setupPriceCents: 100,
  },
  {
    country: 'GB',
    type: 'tollfree',
    prefixes: [['800'], ['808']],
    digits: 7,
    count: 6,
    capabilities: SMS_ONLY,
    monthlyPriceCents: 1000,
    setupPriceCents: 500,
  },
  {
    country: 'DE',
    type: 'local',
    prefixes: [
      ['30', 'Berlin'],
      ['89', 'Bayern'],
      ['40', 'Hamburg'],
      ['69', 'Hessen'],
      ['221', 'Nordrhein-Westfalen'],
    ],
    digits: 7,
    count: 14,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 150,
    setupPriceCents: 100,
  },
  {
    country: 'DE',
    type: 'mobile',
    prefixes: [['151'], ['152'], ['157'], ['160'], ['170'], ['171'], ['172'], ['175'], ['176'], ['179']],
    digits: 8,
    count: 14,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 400,
    setupPriceCents: 100,
  },
  {
    country: 'DE',
    type: 'tollfree',
    prefixes: [['800']],
    digits: 7,
    count: 6,
    capabilities: SMS_ONLY,
    monthlyPriceCents: 1500,
    setupPriceCents: 500,
  },
  {
    country: 'FR',
    type: 'local',
    prefixes: [
      ['1', 'Île-de-France'],
      ['2', 'Nord-Ouest'],
      ['3', 'Nord-Est'],
      ['4', 'Sud-Est'],
      ['5', 'Sud-Ouest'],
    ],
    digits: 8,
    count: 14,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 175,
    setupPriceCents: 100,
  },
  {
    country: 'FR',
    type: 'mobile',
    prefixes: [['6'], ['7']],
    digits: 8,
    count: 14,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 350,
    setupPriceCents: 100,
  },
  {
    country: 'FR',
    type: 'tollfree',
    prefixes: [['800'], ['805']],
    digits: 6,
    count: 6,
    capabilities: SMS_ONLY,
    monthlyPriceCents: 1500,
    setupPriceCents: 500,
  },
];

/** Verification pool: numbers users cannot buy (≥ 100 in 5 countries), used by verification requests. */
const VERIFICATION_POOL: readonly Plan[] = [
  {
    country: 'US',
    type: 'local',
    prefixes: [
      ['646', 'NY'],
      ['702', 'NV'],
      ['404', 'GA'],
    ],
    digits: 7,
    count: 40,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 0,
    setupPriceCents: 0,
  },
  {
    country: 'CA',
    type: 'local',
    prefixes: [['647', 'ON']],
    digits: 7,
    count: 16,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 0,
    setupPriceCents: 0,
  },
  {
    country: 'GB',
    type: 'mobile',
    prefixes: [['7480']],
    digits: 6,
    count: 16,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 0,
    setupPriceCents: 0,
  },
  {
    country: 'DE',
    type: 'mobile',
    prefixes: [['1590']],
    digits: 7,
    count: 16,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 0,
    setupPriceCents: 0,
  },
  {
    country: 'FR',
    type: 'mobile',
    prefixes: [['75']],
    digits: 7,
    count: 16,
    capabilities: SMS_VOICE,
    monthlyPriceCents: 0,
    setupPriceCents: 0,
  },
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** True when `number` is a valid E.164 number of `country` with a line type matching `type`. */
export function matchesPlan(number: string, country: string, type: NumberType): boolean {
  return (
    isE164(number) && countryOf(number) === country && LINE_TYPES[type].includes(lineTypeOf(number) ?? '')
  );
}

function generate(plans: readonly Plan[], salt: string): InventoryInput[] {
  const out: InventoryInput[] = [];
  const seen = new Set<string>();
  for (const plan of plans) {
    const random = prng(hashSeed(`${salt}:${plan.country}:${plan.type}`));
    let made = 0;
    for (let attempt = 0; made < plan.count && attempt < plan.count * 50; attempt += 1) {
      const [prefix, region] = plan.prefixes[attempt % plan.prefixes.length]!;
      let rest = '';
      // NANP subscriber numbers start with 2-9; elsewhere avoid a leading 0 after the prefix.
      rest += String(2 + Math.floor(random() * 8));
      while (rest.length < plan.digits) rest += String(Math.floor(random() * 10));
      const phoneNumber = `+${CALLING_CODES[plan.country]}${prefix}${rest}`;
      if (seen.has(phoneNumber) || !matchesPlan(phoneNumber, plan.country, plan.type)) continue;
      seen.add(phoneNumber);
      made += 1;
      out.push({
        phoneNumber,
        country: plan.country,
        type: plan.type,
        capabilities: plan.capabilities,
        monthlyPriceCents: plan.monthlyPriceCents,
        setupPriceCents: plan.setupPriceCents,
        ...(region ? { region } : {}),
      });
    }
    if (made < plan.count)
      throw new Error(`Could not generate ${plan.count} ${plan.country} ${plan.type} numbers`);
  }
  return out;
}

/**
 * The price list of a catalog country and type (what the marketplace charges for such a number,
 * and the capabilities it has): also the price of an on-demand number of that kind.
 */
export function catalogOffer(
  country: string,
  type: NumberType,
): Pick<InventoryInput, 'capabilities' | 'monthlyPriceCents' | 'setupPriceCents'> | undefined {
  const plan = MARKETPLACE.find((p) => p.country === country && p.type === type);
  return (
    plan && {
      capabilities: plan.capabilities,
      monthlyPriceCents: plan.monthlyPriceCents,
      setupPriceCents: plan.setupPriceCents,
    }
  );
}

/** Countries and types the local catalog can generate numbers for. */
export const catalogPlans = (): ReadonlyArray<{ country: string; type: NumberType }> =>
  MARKETPLACE.map(({ country, type }) => ({ country, type }));

/**
 * `count` new random numbers of a catalog country and type (not deterministic), for stocking
 * more inventory locally (`POST /dev/numbers/stock`); undefined for a country/type not in the catalog.
 */
export function freshNumbers(country: string, type: NumberType, count: number): InventoryInput[] | undefined {
  const plan = MARKETPLACE.find((p) => p.country === country && p.type === type);
  if (!plan) return undefined;
  return generate([{ ...plan, count }], `fresh:${Date.now()}:${Math.random()}`);
}

/**
 * `count` new random verification-pool numbers of a pool country (not deterministic), for growing
 * the local pool (`POST /dev/verifications/pool`); undefined for a country the pool has no plan for.
 */
export function freshPoolNumbers(country: string, count: number): InventoryInput[] | undefined {
  const plan = VERIFICATION_POOL.find((p) => p.country === country);
  if (!plan) return undefined;
  return generate([{ ...plan, count }], `fresh-pool:${Date.now()}:${Math.random()}`);
}

/** Countries of the verification pool. */
export const poolCountries = (): string[] => [...new Set(VERIFICATION_POOL.map((p) => p.country))];

/** The marketplace numbers the local runtime is stocked with (deterministic). */
export const marketplaceCatalog = (): InventoryInput[] => generate(MARKETPLACE, 'marketplace');

/** The verification pool the local runtime is stocked with (deterministic, disjoint from the marketplace). */
export function verificationPoolCatalog(): InventoryInput[] {
  const market = new Set(marketplaceCatalog().map((n) => n.phoneNumber));
  return generate(VERIFICATION_POOL, 'verification-pool').filter((n) => !market.has(n.phoneNumber));
}
