import { config } from '../platform/config';
import { eumProvisioner } from './eum-provisioner';
import type { Capability, NumberType } from './entities/inventory-number';

/**
 * Adapter point for carrier-side provisioning: getting numbers into (and out of) the AWS account
 * that sends the SMS. In AWS this is End User Messaging SMS (the `pinpoint-sms-voice-v2` API):
 *
 * - request: `RequestPhoneNumber { IsoCountryCode, MessageType: 'TRANSACTIONAL',
 *   NumberCapabilities: ['SMS', 'VOICE'], NumberType: 'LONG_CODE' | 'TOLL_FREE' | 'MOBILE' | '10DLC',
 *   TwoWayEnabled: true, TwoWayChannelArn: <the inbound SNS topic> }` -> `{ PhoneNumber, PhoneNumberId }`;
 *   the number is then stocked with `stockNumbers([...], 'available', { source: 'provisioned',
 *   providerIds })`, which records `PhoneNumberId` as the inventory item's `providerId`.
 * - release: `ReleasePhoneNumber { PhoneNumberId }` when a number leaves the inventory for good.
 *
 * The End User Messaging implementation is ./eum-provisioner.ts (`purchaseOnDemand` in
 * ./on-demand.ts requests, `releaseIfProvisioned` releases on expiry). Registration work differs
 * per country (10DLC campaigns, toll-free verification), so it is opt-in per deployment
 * (`SMS_PROVISIONING=eum`); the default stocks the inventory with numbers already provisioned in
 * the account, imported from a CSV (`npx tsx shared/numbers/import.ts`): `manualProvisioner`
 * provisions nothing and releasing is a no-op.
 */
export interface ProvisionRequest {
  readonly country: string;
  readonly type: NumberType;
  readonly capabilities: readonly Capability[];
}

export interface ProvisionedNumber {
  readonly phoneNumber: string;
  /** Carrier-side id (End User Messaging PhoneNumberId). */
  readonly providerId: string;
}

export interface NumberProvisioner {
  request(request: ProvisionRequest): Promise<ProvisionedNumber>;
  release(number: { readonly phoneNumber: string; readonly providerId?: string }): Promise<void>;
}

/** Numbers are provisioned outside the platform and imported; nothing to request or release. */
export const manualProvisioner: NumberProvisioner = {
  async request(request) {
    throw new Error(
      `Automatic provisioning is not enabled: provision a ${request.country} ${request.type} number in ` +
        'End User Messaging and import it with `npx tsx shared/numbers/import.ts <file.csv>`.',
    );
  },
  async release() {},
};

let current: NumberProvisioner | undefined;

/** The provisioner in use: an installed one (tests), else End User Messaging when SMS_PROVISIONING=eum. */
export const provisioner = (): NumberProvisioner =>
  current ?? (config('sms').SMS_PROVISIONING === 'eum' ? eumProvisioner : manualProvisioner);

/** True when purchases of a country and type can ask the carrier for a new number. */
export const provisioningEnabled = (): boolean => provisioner() !== manualProvisioner;

export function installProvisioner(next: NumberProvisioner | undefined): void {
  current = next;
}
