import { getUser } from '../auth/users';
import { insufficientFunds } from '../billing/service';
import { isConditionalFailure } from '../platform/db/errors';
import { NotFound } from '../platform/errors';
import { db } from './db';
import { logger } from '../platform/observability/logger';
import type { Capability, InventoryStatus, NumberType } from './entities/inventory-number';
import { catalogOffer } from './catalog';
import { NumberUnavailable } from './errors';
import { getInventoryNumber, listAvailableNumbers, stockNumbers } from './inventory';
import { provisioner, provisioningEnabled } from './provisioning';
import { purchaseNumber } from './service';

export interface KindRequest {
  readonly userId: string;
  readonly country: string;
  readonly type: NumberType;
  readonly capabilities?: readonly Capability[];
  readonly autoRenew?: boolean;
}

/** Available numbers tried, at most, by one purchase of "any number of a kind". */
const CANDIDATES = 25;

/**
 * `POST /v1/numbers { country, type, capabilities? }`: any number of that kind.
 * With on-demand provisioning (SMS_PROVISIONING=eum) the carrier is asked for a new number at the
 * catalog's price for the kind; otherwise the available numbers of that kind with every asked
 * capability are tried in marketplace order, a number lost to a concurrent buyer moving on to the
 * next. No number of the kind: 409 number_unavailable.
 */
export async function purchaseNumberOfKind(request: KindRequest) {
  const { userId, country, type, autoRenew } = request;
  const wanted = request.capabilities ?? [];
  const renew = autoRenew === undefined ? {} : { autoRenew };
  if (provisioningEnabled()) {
    const offer = catalogOffer(country, type);
    if (!offer || !wanted.every((c) => offer.capabilities.includes(c)))
      throw new NumberUnavailable(
        `No ${country} ${type} numbers with ${wanted.join(', ') || 'these capabilities'} are offered.`,
      );
    return purchaseOnDemand({ userId, country, type, ...offer, ...renew });
  }
  const { items } = await listAvailableNumbers({
    country,
    type,
    ...(wanted[0] ? { capability: wanted[0] } : {}),
    limit: CANDIDATES,
  });
  for (const candidate of items.filter((n) => wanted.every((c) => n.capabilities.includes(c)))) {
    try {
      return await purchaseNumber({ userId, phoneNumber: candidate.phoneNumber, ...renew });
    } catch (error) {
      if (!(error instanceof NumberUnavailable)) throw error;
    }
  }
  throw new NumberUnavailable(`No ${country} ${type} number is available right now.`);
}

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
  if (!user) throw new NotFound('No such user.');
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
