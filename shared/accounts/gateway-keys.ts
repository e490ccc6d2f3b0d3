import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  ConflictException,
  GetUsagePlansCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import * as z from '../platform/zod';
import { port } from '../platform/adapters/port';
import { config } from '../platform/config';
import type { PlanId } from './plans';

/**
 * API Gateway usage-plan binding (AWS only). Each platform API key, and each user's JWT
 * traffic, is identified to API Gateway by a gateway API key attached to the usage plan of
 * the owner's tier; the authorizer returns its value as `usageIdentifierKey`. Locally the
 * gateway enforces the same limits itself: the local runtime installs no-ops (local/adapters).
 *
 * CDK passes the plans by name (USAGE_PLAN_NAMES, tier → name): passing ids would make the
 * functions depend on the stage that depends on them. Ids are looked up once per container.
 */
export interface GatewayKey {
  readonly id: string;
  readonly value: string;
}

export interface GatewayKeys {
  /** A new key on the usage plan of `plan` (undefined where no gateway keys are kept). */
  create(name: string, plan: PlanId): Promise<GatewayKey | undefined>;
  delete(id: string | undefined): Promise<void>;
  /** Puts the key on `to`'s usage plan and on no other plan of the stage. */
  move(id: string | undefined, to: PlanId): Promise<void>;
}

const awsGatewayKeys: GatewayKeys = { create, delete: remove, move };

export const gatewayKeys = /* @__PURE__ */ port(() => awsGatewayKeys);
export const createGatewayKey = (name: string, plan: PlanId) => gatewayKeys().create(name, plan);
export const deleteGatewayKey = (id: string | undefined) => gatewayKeys().delete(id);
export const moveGatewayKey = (id: string | undefined, to: PlanId) => gatewayKeys().move(id, to);

let client: APIGatewayClient | undefined;
let planIds: Promise<Partial<Record<PlanId, string>>> | undefined;

const gateway = () => {
  client ??= new APIGatewayClient({ region: config('core').AWS_REGION });
  return client;
};

function usagePlanIds(): Promise<Partial<Record<PlanId, string>>> {
  planIds ??= (async () => {
    const names = z.record(z.string(), z.string()).parse(JSON.parse(process.env.USAGE_PLAN_NAMES ?? '{}'));
    const byName = new Map<string, string>();
    let position: string | undefined;
    do {
      const page = await gateway().send(new GetUsagePlansCommand({ position, limit: 500 }));
      for (const plan of page.items ?? []) if (plan.name && plan.id) byName.set(plan.name, plan.id);
      position = page.position;
    } while (position);
    return Object.fromEntries(
      Object.entries(names).flatMap(([tier, name]) => (byName.has(name) ? [[tier, byName.get(name)]] : [])),
    ) as Partial<Record<PlanId, string>>;
  })().catch((error: unknown) => {
    planIds = undefined;
    throw error;
  });
  return planIds;
}

async function create(name: string, plan: PlanId): Promise<GatewayKey | undefined> {
  const planId = (await usagePlanIds())[plan];
  if (!planId) throw new Error(`No usage plan for tier ${plan}`);
  const key = await gateway().send(
    new CreateApiKeyCommand({ name, enabled: true, generateDistinctId: true }),
  );
  if (!key.id || !key.value) throw new Error('CreateApiKey returned no key');
  await gateway().send(
    new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }),
  );
  return { id: key.id, value: key.value };
}

async function remove(id: string | undefined): Promise<void> {
  if (!id) return;
  await gateway().send(new DeleteApiKeyCommand({ apiKey: id }));
}

/** Tests: forget the usage plan ids looked up so far. */
export function resetUsagePlanCache(): void {
  planIds = undefined;
}

/**
 * Puts a gateway key on `to`'s usage plan and on no other plan of the stage. API Gateway does
 * not let a key sit in two usage plans of one stage, so the key leaves every other tier's plan
 * first, then joins the new one. Each step tolerates "already done" (NotFound on removal,
 * Conflict on addition), so calling it again after a failure — a retried plan change, or a
 * change to the plan the user is already on — repairs the binding.
 */
async function move(id: string | undefined, to: PlanId): Promise<void> {
  if (!id) return;
  const plans = await usagePlanIds();
  const toPlan = plans[to];
  if (!toPlan) throw new Error(`No usage plan for tier ${to}`);
  const others = Object.values(plans).filter((planId): planId is string => !!planId && planId !== toPlan);
  await Promise.all(
    others.map((usagePlanId) =>
      gateway()
        .send(new DeleteUsagePlanKeyCommand({ usagePlanId, keyId: id }))
        .catch((error: unknown) => {
          if (!(error instanceof NotFoundException)) throw error;
        }),
    ),
  );
  await gateway()
    .send(new CreateUsagePlanKeyCommand({ usagePlanId: toPlan, keyId: id, keyType: 'API_KEY' }))
    .catch((error: unknown) => {
      if (!(error instanceof ConflictException)) throw error;
    });
}
