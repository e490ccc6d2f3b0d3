import {
  PinpointSMSVoiceV2Client,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { resetConfig } from '../../../shared/platform/config';
import { getInventoryNumber } from '../../../shared/numbers/inventory';
import { purchaseNumberOfKind, purchaseOnDemand } from '../../../shared/numbers/on-demand';
import { balanceOf, fundedUser } from './support';

/** End User Messaging has no emulator: its client is mocked; the database is DynamoDB Local. */
const eum = mockClient(PinpointSMSVoiceV2Client);
const offer = {
  country: 'US',
  type: 'local' as const,
  capabilities: ['sms' as const],
  monthlyPriceCents: 115,
  setupPriceCents: 0,
};
const freshNumber = () => `+1415${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;

beforeAll(() => {
  process.env.SMS_PROVISIONING = 'eum';
  resetConfig();
});
afterAll(() => {
  delete process.env.SMS_PROVISIONING;
  resetConfig();
});
beforeEach(() => eum.reset());

describe('on-demand numbers (End User Messaging RequestPhoneNumber)', () => {
  it('charges only after the carrier provided the number and stores its PhoneNumberId', async () => {
    const user = await fundedUser(500, 'ondemand');
    const phoneNumber = freshNumber();
    eum.on(RequestPhoneNumberCommand).resolves({ PhoneNumber: phoneNumber, PhoneNumberId: 'phone-ok' });
    eum.on(UpdatePhoneNumberCommand).resolves({});

    const owned = await purchaseOnDemand({ userId: user.userId, ...offer });

    expect(owned).toMatchObject({ phoneNumber, status: 'active' });
    expect(await balanceOf(user)).toBe(500 - 115);
    expect(await getInventoryNumber(phoneNumber)).toMatchObject({
      source: 'provisioned',
      providerId: 'phone-ok',
    });
  });

  it('a failed carrier request leaves the user uncharged and nothing stocked', async () => {
    const user = await fundedUser(500, 'ondemandfail');
    eum
      .on(RequestPhoneNumberCommand)
      .rejects(Object.assign(new Error('none left'), { name: 'ServiceQuotaExceededException' }));

    await expect(purchaseOnDemand({ userId: user.userId, ...offer })).rejects.toThrow('none left');

    expect(await balanceOf(user)).toBe(500);
    expect(eum).not.toHaveReceivedCommand(ReleasePhoneNumberCommand);
  });

  it('a purchase that fails after the carrier provided the number releases it again (no charge)', async () => {
    const first = await fundedUser(500, 'ondemandowner');
    const taken = freshNumber();
    eum.on(RequestPhoneNumberCommand).resolves({ PhoneNumber: taken, PhoneNumberId: 'phone-first' });
    eum.on(UpdatePhoneNumberCommand).resolves({});
    await purchaseOnDemand({ userId: first.userId, ...offer });
    const user = await fundedUser(500, 'ondemandrace');
    eum.reset();
    // The carrier hands out a number the platform cannot sell (here: already owned).
    eum.on(RequestPhoneNumberCommand).resolves({ PhoneNumber: taken, PhoneNumberId: 'phone-back' });
    eum.on(UpdatePhoneNumberCommand).resolves({});
    eum.on(ReleasePhoneNumberCommand).resolves({});

    await expect(purchaseOnDemand({ userId: user.userId, ...offer })).rejects.toMatchObject({
      code: 'number_unavailable',
    });

    expect(await balanceOf(user)).toBe(500);
    expect(eum).toHaveReceivedCommandWith(ReleasePhoneNumberCommand, { PhoneNumberId: 'phone-back' });
    expect(await getInventoryNumber(taken)).toMatchObject({ status: 'sold', providerId: 'phone-first' });
  });

  it('buys "any number of a kind" from the carrier at the catalog price of the kind', async () => {
    const user = await fundedUser(500, 'ondemandkind');
    const phoneNumber = freshNumber();
    eum.on(RequestPhoneNumberCommand).resolves({ PhoneNumber: phoneNumber, PhoneNumberId: 'phone-kind' });
    eum.on(UpdatePhoneNumberCommand).resolves({});

    const owned = await purchaseNumberOfKind({
      userId: user.userId,
      country: 'US',
      type: 'local',
      capabilities: ['sms'],
    });

    expect(owned).toMatchObject({ phoneNumber, country: 'US', type: 'local', monthlyPriceCents: 115 });
    expect(eum).toHaveReceivedCommandWith(RequestPhoneNumberCommand, {
      IsoCountryCode: 'US',
      NumberType: 'LONG_CODE',
      MessageType: 'TRANSACTIONAL',
    });
    expect(await balanceOf(user)).toBe(500 - 115);
  });

  it('does not ask the carrier for a kind the catalog does not offer (409, nothing charged)', async () => {
    const user = await fundedUser(500, 'ondemandnokind');

    await expect(
      purchaseNumberOfKind({ userId: user.userId, country: 'JP', type: 'local' }),
    ).rejects.toMatchObject({
      code: 'number_unavailable',
    });
    expect(eum).not.toHaveReceivedCommand(RequestPhoneNumberCommand);
    expect(await balanceOf(user)).toBe(500);
  });
});
