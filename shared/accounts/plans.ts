/** Plan tiers and their limits (../shared/API.md, "Plans, billing, limits"). */
export const PLAN_IDS = ['free', 'pro', 'business'] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface PlanLimits {
  readonly smsPerMonth: number;
  readonly verificationsPerMonth: number;
  readonly numbers: number;
  readonly requestsPerSecond: number;
  readonly burst: number;
  /** Pending or received verification requests at once (v1.1 fair share). */
  readonly activeVerifications: number;
}

export interface Plan {
  readonly id: PlanId;
  readonly name: string;
  readonly priceCents: number;
  readonly limits: PlanLimits;
}

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  free: {
    id: 'free',
    name: 'Free',
    priceCents: 0,
    limits: {
      smsPerMonth: 100,
      verificationsPerMonth: 500,
      numbers: 3,
      requestsPerSecond: 10,
      burst: 20,
      activeVerifications: 3,
    },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    priceCents: 2900,
    limits: {
      smsPerMonth: 5000,
      verificationsPerMonth: 5000,
      numbers: 25,
      requestsPerSecond: 50,
      burst: 100,
      activeVerifications: 20,
    },
  },
  business: {
    id: 'business',
    name: 'Business',
    priceCents: 19900,
    limits: {
      smsPerMonth: 100000,
      verificationsPerMonth: 100000,
      numbers: 250,
      requestsPerSecond: 200,
      burst: 400,
      activeVerifications: 100,
    },
  },
};

export const planOf = (id: string | undefined): Plan =>
  PLANS[(PLAN_IDS as readonly string[]).includes(id ?? '') ? (id as PlanId) : 'free'];

/** `GET /v1/plans` body: `[{ id, priceCents, limits }]`. */
export const plansView = () =>
  PLAN_IDS.map((id) => ({
    id,
    name: PLANS[id].name,
    priceCents: PLANS[id].priceCents,
    limits: PLANS[id].limits,
  }));
