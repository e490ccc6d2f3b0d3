import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { z } from 'zod';
import { config, isLocal } from '../config';
import type { PlanId } from './plans';

/**
 * API Gateway usage-plan binding (AWS only). Each platform API key, and each user's JWT
 * traffic, is identified to API Gateway by a gateway API key attached to the usage plan of
 * the owner's tier; the authorizer returns its value as `usageIdentifierKey`. Locally the
 * gateway enforces the same limits itself, so these are no-ops there.
 */
export interface GatewayKey {
  readonly id: string;
  readonly value: string;
}

let client: APIGatewayClient | undefined;
const usagePlans = () =>
  z.record(z.string(), z.string()).parse(JSON.parse(process.env.USAGE_PLAN_IDS ?? '{}')) as Partial<
    Record<PlanId, string>
  >;

export async function createGatewayKey(name: string, plan: PlanId): Promise<GatewayKey | undefined> {
  if (isLocal()) return undefined;
  client ??= new APIGatewayClient({ region: config('core').AWS_REGION });
  const planId = usagePlans()[plan];
  if (!planId) return undefined;
  const key = await client.send(new CreateApiKeyCommand({ name, enabled: true, generateDistinctId: true }));
  if (!key.id || !key.value) throw new Error('CreateApiKey returned no key');
  await client.send(
    new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: key.id, keyType: 'API_KEY' }),
  );
  return { id: key.id, value: key.value };
}

export async function deleteGatewayKey(id: string | undefined): Promise<void> {
  if (isLocal() || !id) return;
  client ??= new APIGatewayClient({ region: config('core').AWS_REGION });
  await client.send(new DeleteApiKeyCommand({ apiKey: id }));
}

/** Moves a gateway key to another tier's usage plan (plan upgrade). */
export async function moveGatewayKey(id: string | undefined, from: PlanId, to: PlanId): Promise<void> {
  if (isLocal() || !id) return;
  client ??= new APIGatewayClient({ region: config('core').AWS_REGION });
  const plans = usagePlans();
  const fromPlan = plans[from];
  const toPlan = plans[to];
  if (fromPlan)
    await client
      .send(new DeleteUsagePlanKeyCommand({ usagePlanId: fromPlan, keyId: id }))
      .catch(() => undefined);
  if (toPlan)
    await client.send(new CreateUsagePlanKeyCommand({ usagePlanId: toPlan, keyId: id, keyType: 'API_KEY' }));
}
