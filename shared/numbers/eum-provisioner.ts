import {
  PinpointSMSVoiceV2Client,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { config } from '../platform/config';
import { logger } from '../platform/observability/logger';
import type { NumberType } from './entities/inventory-number';
import type { NumberProvisioner, ProvisionRequest } from './provisioning';

/**
 * End User Messaging v2 provisioning (`pinpoint-sms-voice-v2`):
 * 1. `RequestPhoneNumber { IsoCountryCode, MessageType: TRANSACTIONAL, NumberCapabilities,
 *    NumberType, DeletionProtectionEnabled: false, ClientToken }` -> `{ PhoneNumber, PhoneNumberId }`;
 * 2. `UpdatePhoneNumber { PhoneNumberId, TwoWayEnabled, TwoWayChannelArn: <inbound topic>,
 *    SelfManagedOptOutsEnabled: true }`: inbound SMS reach the platform and the platform alone
 *    answers STOP/START/HELP (see shared/sms/opt-outs.ts). If this step fails the number is
 *    released again, so a half-configured number is never sold.
 * `ReleasePhoneNumber { PhoneNumberId }` returns a number for good.
 * Sends carry the configuration set themselves (`SendTextMessage.ConfigurationSetName`).
 */
const NUMBER_TYPES: Readonly<Record<NumberType, 'LONG_CODE' | 'TOLL_FREE' | 'TEN_DLC'>> = {
  local: 'LONG_CODE',
  mobile: 'LONG_CODE',
  tollfree: 'TOLL_FREE',
};

export function requestPhoneNumberInput(request: ProvisionRequest, clientToken: string) {
  const capabilities = request.capabilities
    .map((c) => c.toUpperCase())
    .filter((c): c is 'SMS' | 'MMS' | 'VOICE' => c === 'SMS' || c === 'MMS' || c === 'VOICE');
  return {
    IsoCountryCode: request.country,
    MessageType: 'TRANSACTIONAL' as const,
    NumberCapabilities: capabilities.length > 0 ? capabilities : ['SMS' as const],
    NumberType: NUMBER_TYPES[request.type],
    DeletionProtectionEnabled: false,
    ClientToken: clientToken,
  };
}

export function twoWayInput(phoneNumberId: string, inboundTopicArn: string | undefined) {
  return {
    PhoneNumberId: phoneNumberId,
    SelfManagedOptOutsEnabled: true,
    ...(inboundTopicArn ? { TwoWayEnabled: true, TwoWayChannelArn: inboundTopicArn } : {}),
  };
}

let client: PinpointSMSVoiceV2Client | undefined;
const eum = () => {
  client ??= new PinpointSMSVoiceV2Client({ region: config('core').AWS_REGION });
  return client;
};

export const eumProvisioner: NumberProvisioner = {
  async request(request) {
    const out = await eum().send(
      new RequestPhoneNumberCommand(requestPhoneNumberInput(request, crypto.randomUUID())),
    );
    if (!out.PhoneNumber || !out.PhoneNumberId) throw new Error('RequestPhoneNumber returned no number');
    try {
      await eum().send(
        new UpdatePhoneNumberCommand(twoWayInput(out.PhoneNumberId, config('sms').SMS_INBOUND_TOPIC_ARN)),
      );
    } catch (error) {
      logger.warn('Configuring a requested number failed: releasing it', { error: error as Error });
      await eum().send(new ReleasePhoneNumberCommand({ PhoneNumberId: out.PhoneNumberId }));
      throw error;
    }
    return { phoneNumber: out.PhoneNumber, providerId: out.PhoneNumberId };
  },
  async release(number) {
    if (!number.providerId) return;
    try {
      await eum().send(new ReleasePhoneNumberCommand({ PhoneNumberId: number.providerId }));
    } catch (error) {
      // Already released (a retried expiry): nothing left to do.
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
    }
  },
};
