import {
  PinpointSMSVoiceV2Client,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { resetConfig } from '../../../shared/platform/config';
import { eumProvisioner } from '../../../shared/numbers/eum-provisioner';
import { provisioner } from '../../../shared/numbers/provisioning';

const eum = mockClient(PinpointSMSVoiceV2Client);
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:inbound';

beforeEach(() => {
  eum.reset();
  process.env.SMS_INBOUND_TOPIC_ARN = TOPIC;
  delete process.env.SMS_PROVISIONING;
  resetConfig();
});

afterAll(() => {
  delete process.env.SMS_INBOUND_TOPIC_ARN;
  resetConfig();
});

describe('eumProvisioner', () => {
  it('is used only when SMS_PROVISIONING=eum (imported inventory otherwise)', () => {
    expect(provisioner()).not.toBe(eumProvisioner);
    process.env.SMS_PROVISIONING = 'eum';
    resetConfig();
    expect(provisioner()).toBe(eumProvisioner);
    delete process.env.SMS_PROVISIONING;
  });

  it('requests a transactional number, then points its two-way SMS at the inbound topic with self-managed opt-outs', async () => {
    eum.on(RequestPhoneNumberCommand).resolves({ PhoneNumber: '+14155550100', PhoneNumberId: 'phone-1' });
    eum.on(UpdatePhoneNumberCommand).resolves({});

    const number = await eumProvisioner.request({
      country: 'US',
      type: 'tollfree',
      capabilities: ['sms', 'voice'],
    });

    expect(number).toEqual({ phoneNumber: '+14155550100', providerId: 'phone-1' });
    expect(eum).toHaveReceivedCommandWith(RequestPhoneNumberCommand, {
      IsoCountryCode: 'US',
      MessageType: 'TRANSACTIONAL',
      NumberCapabilities: ['SMS', 'VOICE'],
      NumberType: 'TOLL_FREE',
      DeletionProtectionEnabled: false,
    });
    expect(eum.commandCalls(UpdatePhoneNumberCommand)[0]!.args[0].input).toEqual({
      PhoneNumberId: 'phone-1',
      SelfManagedOptOutsEnabled: true,
      TwoWayEnabled: true,
      TwoWayChannelArn: TOPIC,
    });
    expect(eum).not.toHaveReceivedCommand(ReleasePhoneNumberCommand);
  });

  it('a failed request throws and touches nothing else', async () => {
    eum
      .on(RequestPhoneNumberCommand)
      .rejects(Object.assign(new Error('no stock'), { name: 'ServiceQuotaExceededException' }));

    await expect(
      eumProvisioner.request({ country: 'GB', type: 'mobile', capabilities: ['sms'] }),
    ).rejects.toThrow('no stock');
    expect(eum).not.toHaveReceivedCommand(UpdatePhoneNumberCommand);
    expect(eum).not.toHaveReceivedCommand(ReleasePhoneNumberCommand);
  });

  it('releases a number it could not configure', async () => {
    eum.on(RequestPhoneNumberCommand).resolves({ PhoneNumber: '+447700900123', PhoneNumberId: 'phone-2' });
    eum.on(UpdatePhoneNumberCommand).rejects(new Error('denied'));
    eum.on(ReleasePhoneNumberCommand).resolves({});

    await expect(
      eumProvisioner.request({ country: 'GB', type: 'mobile', capabilities: ['sms'] }),
    ).rejects.toThrow('denied');
    expect(eum).toHaveReceivedCommandWith(ReleasePhoneNumberCommand, { PhoneNumberId: 'phone-2' });
  });

  it('release sends ReleasePhoneNumber with the stored id, and tolerates an already released number', async () => {
    eum
      .on(ReleasePhoneNumberCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('gone'), { name: 'ResourceNotFoundException' }));

    await eumProvisioner.release({ phoneNumber: '+14155550100', providerId: 'phone-1' });
    await eumProvisioner.release({ phoneNumber: '+14155550100', providerId: 'phone-1' });
    await eumProvisioner.release({ phoneNumber: '+14155550199' });

    expect(eum).toHaveReceivedCommandTimes(ReleasePhoneNumberCommand, 2);
    expect(eum).toHaveReceivedCommandWith(ReleasePhoneNumberCommand, { PhoneNumberId: 'phone-1' });
  });
});
