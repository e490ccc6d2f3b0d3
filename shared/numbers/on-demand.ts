import { getUser } from '../auth/users';
import { insufficientFunds } from '../billing/service';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';
import { notFound } from '../platform/http/errors';
import { logger } from '../platform/observability/logger';
import type { Capability, InventoryStatus, NumberType } from './entities/inventory-number';
import { getInventoryNumber, stockNumbers } from './inventory';
import { provisioner } from './provisioning';
import { purchaseNumber } from './service';

export interface OnDemandRequest {
  readonly userId: string;
  readonly country: string;
  readonly type: NumberType;
  readonly capabilities: readonly Capability[];
  readonly monthlyPriceCents: number;
  readonly setupPriceCents: number;
  readonly autoRenew?: boolean;
}

/**
 * Buys a number the carrier provisions on demand (End User Messaging `RequestPhoneNumber`):
 * 1. a cheap funds check, so nobody makes the carrier provision a number they cannot pay for;
 * 2. the carrier request (a failure ends here: nothing stocked, nothing charged);
 * 3. the number is stocked (`source: 'provisioned'`, its PhoneNumberId as `providerId`) and
 *    bought with the ordinary purchase transaction (charge, limit, ownership in one write);
 * 4. if that purchase fails (402, plan limit, a race), the number is released to the carrier
 *    and taken out of the inventory again, so no one pays for, or keeps, a half-bought number.
 * Imported inventory keeps being bought with `purchaseNumber` directly.
 */
export async function purchaseOnDemand(request: OnDemandRequest) {
  const user = await getUser(request.userId);
  if (!user) throw notFound('No such user.');
  const totalCents = request.monthlyPriceCents + request.setupPriceCents;
  if (user.balanceCents < totalCents) throw insufficientFunds();
  const provisioned = await provisioner().request({
    country: request.country,
    type: request.type,
    capabilities: request.capabilities,
  });
  try {
    await stockNumbers(
      [
        {
          phoneNumber: provisioned.phoneNumber,
          country: request.country,
          type: request.type,
          capabilities: request.capabilities,
          monthlyPriceCents: request.monthlyPriceCents,
          setupPriceCents: request.setupPriceCents,
        },
      ],
      'available',
      { source: 'provisioned', providerIds: new Map([[provisioned.phoneNumber, provisioned.providerId]]) },
    );
    return await purchaseNumber({
      userId: request.userId,
      phoneNumber: provisioned.phoneNumber,
      ...(request.autoRenew === undefined ? {} : { autoRenew: request.autoRenew }),
    });
  } catch (error) {
    await provisioner().release(provisioned);
    await retireInventoryNumber(provisioned.phoneNumber, 'available');
    throw error;
  }
}

/**
 * A provisioned number that left its owner (expired) goes back to the carrier for good
 * (`ReleasePhoneNumber`) and out of the inventory; imported and seeded numbers stay for resale.
 */
export async function releaseIfProvisioned(phoneNumber: string): Promise<boolean> {
  const item = await getInventoryNumber(phoneNumber);
  if (item?.source !== 'provisioned' || !item.providerId) return false;
  await provisioner().release({ phoneNumber, providerId: item.providerId });
  await retireInventoryNumber(phoneNumber, item.status);
  logger.info('Provisioned number released to the carrier', { phoneNumber });
  return true;
}

async function retireInventoryNumber(phoneNumber: string, status: InventoryStatus): Promise<void> {
  try {
    await db()
      .entities.inventoryNumber.delete({ phoneNumber })
      .where((attr, op) => op.eq(attr.status, status))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
}
