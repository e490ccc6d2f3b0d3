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
 * That implementation needs `@aws-sdk/client-pinpoint-sms-voice-v2` (not a dependency yet) and
 * registration work that differs per country (10DLC campaigns, toll-free verification, sender
 * registrations), so it is not wired in: production stocks its inventory with numbers already
 * provisioned in the account, imported from a CSV (`npx tsx shared/numbers/import.ts`).
 * `manualProvisioner` is that mode: it provisions nothing and releasing is a no-op.
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

let current: NumberProvisioner = manualProvisioner;

/** The provisioner in use (an AWS implementation would be installed here at start-up). */
export const provisioner = (): NumberProvisioner => current;

export function useProvisioner(next: NumberProvisioner): void {
  current = next;
}
