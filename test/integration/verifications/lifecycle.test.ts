import { handleVerificationSms } from '../../../shared/verifications/inbound';
import { api, expectProblem } from '../helpers/api';
import { latestEmail } from '../helpers/mailbox';
import { connectWs } from '../helpers/ws';
import {
  as,
  balanceOf,
  cancel,
  complete,
  created,
  createVerification,
  deliverSms,
  endCooldown,
  fundedUser,
  getVerification,
  leaseOf,
  ledgerFor,
  makeDue,
  pastInstant,
  runExpiryJob,
  seedPool,
  type Verification,
} from './helpers';

type Updated = { type: 'verification.updated'; verification: Verification };
const updatedWith = (id: string, codes: number) => (event: unknown) => {
  const e = event as Partial<Updated>;
  return (
    e.type === 'verification.updated' && e.verification?.id === id && e.verification.codes.length === codes
  );
};

describe('verification lifecycle', () => {
  it('codes arrive over SMS, are pushed over the WebSocket, and complete sets finalCode to the last one', async () => {
    const [number] = await seedPool('NL', 1);
    const user = await fundedUser(1000);
    const ws = await connectWs(user.accessToken);
    try {
      const v = await created(user, { service: 'telegram', country: 'NL' });
      expect(v.phoneNumber).toBe(number);

      await deliverSms(
        v.phoneNumber,
        'Telegram code: 40921\n\nYou can also tap on this link to log in: t.me/login/40921',
        '42777',
      );
      const first = await ws.waitFor<Updated>(updatedWith(v.id, 1));
      expect(first.verification.status).toBe('received');
      expect(first.verification.codes[0]).toEqual({
        code: '40921',
        sms: expect.stringContaining('Telegram code: 40921'),
        from: '42777',
        receivedAt: expect.any(String),
      });

      await deliverSms(v.phoneNumber, 'G-730155 is your Google verification code.', 'Google');
      const second = await ws.waitFor<Updated>(updatedWith(v.id, 2));
      expect(second.verification.codes.map((c) => c.code)).toEqual(['40921', '730155']);

      const read = await getVerification(user, v.id);
      expect(read.status).toBe(200);
      expect(read.json.status).toBe('received');
      expect(read.json.finalCode).toBeNull();

      const done = await complete(user, v.id);
      expect(done.status).toBe(200);
      expect(done.json).toEqual(
        expect.objectContaining({ id: v.id, status: 'completed', finalCode: '730155' }),
      );
      expect(Date.parse(done.json.completedAt ?? '')).not.toBeNaN();
      await ws.waitFor<Updated>((e) => (e as Updated).verification?.status === 'completed');

      expectProblem(await complete(user, v.id), 409, 'invalid_state');
      expectProblem(await cancel(user, v.id), 409, 'invalid_state');
      expect((await getVerification(user, v.id)).json.finalCode).toBe('730155');
      // Delivered, so not refunded.
      expect(await balanceOf(user)).toBe(1000 - 25);
      expect(await ledgerFor(user, v.id, 'refund')).toHaveLength(0);
      // The number was released with the completion, and cools down before anyone rents it again.
      const next = await createVerification(user, { service: 'telegram', country: 'NL' });
      expectProblem(next, 503, 'no_numbers_available');
      expect((await leaseOf(number!))?.releasedAt).toEqual(expect.any(String));
    } finally {
      await ws.close();
    }
  });

  it('an SMS is appended once even if the carrier delivers it twice', async () => {
    await seedPool('DK', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'whatsapp', country: 'DK' });
    const sms = {
      to: v.phoneNumber,
      from: 'WhatsApp',
      body: "Your WhatsApp code: 904-118\nDon't share this code with others",
      receivedAt: new Date().toISOString(),
      inboundMessageId: `dup-${v.id}`,
    };

    const outcomes = [await handleVerificationSms(sms), await handleVerificationSms(sms)];

    expect(outcomes.map((o) => o.outcome)).toEqual(['appended', 'duplicate']);
    const read = await getVerification(user, v.id);
    expect(read.json.codes).toHaveLength(1);
    expect(read.json.codes[0]?.code).toBe('904118');
  });

  it('cancel: pending only, refunded exactly once, the number is released', async () => {
    const [number] = await seedPool('FI', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'discord', country: 'FI' });
    expect(await balanceOf(user)).toBe(1000 - 12);

    const cancelled = await cancel(user, v.id);
    const again = await cancel(user, v.id);

    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toEqual(expect.objectContaining({ status: 'cancelled', refunded: true }));
    expectProblem(again, 409, 'invalid_state');
    expectProblem(await complete(user, v.id), 409, 'invalid_state');
    expect(await balanceOf(user)).toBe(1000);
    expect(await ledgerFor(user, v.id, 'refund')).toEqual([expect.objectContaining({ amountCents: 12 })]);
    // A late SMS to the released number reaches nobody (it is cooling down).
    expect(
      await handleVerificationSms({
        to: number!,
        from: 'Discord',
        body: 'Your code is 123456',
        receivedAt: new Date().toISOString(),
        inboundMessageId: `late-${v.id}`,
      }),
    ).toEqual({ outcome: 'cooling_down' });
    expect((await getVerification(user, v.id)).json.codes).toEqual([]);
    // Once the cool-down is over, the number is back in the pool.
    await endCooldown(number!);
    expect((await createVerification(user, { service: 'discord', country: 'FI' })).json.phoneNumber).toBe(
      number,
    );
  });

  it('complete before any code is a 409', async () => {
    await seedPool('CH', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'google', country: 'CH' });
    const problem = expectProblem(await complete(user, v.id), 409, 'invalid_state');
    expect(problem.detail).toContain('pending');
  });

  it('expiry with a moved clock: pending → expired, refunded once, notice by email and in-app', async () => {
    await seedPool('PT', 1);
    const user = await fundedUser(1000);
    const ws = await connectWs(user.accessToken);
    try {
      const v = await created(user, { service: 'instagram', country: 'PT' });
      const since = new Date();
      const due = pastInstant();
      await makeDue(v.id, due);

      const run = await runExpiryJob(new Date(due.getTime() + 1000));
      const rerun = await runExpiryJob(new Date(due.getTime() + 2000));

      expect(run.status).toBe(200);
      expect(rerun.status).toBe(200);
      const read = (await getVerification(user, v.id)).json;
      expect(read).toEqual(expect.objectContaining({ status: 'expired', refunded: true, finalCode: null }));
      expect(await balanceOf(user)).toBe(1000);
      expect(await ledgerFor(user, v.id, 'refund')).toHaveLength(1);
      const notice = await ws.waitFor<{ kind: string; ref: string; title: string }>(
        (e) => (e as { type?: string }).type === 'notification' && (e as { ref?: string }).ref === v.id,
      );
      expect(notice.kind).toBe('verificationExpired');
      await ws.waitFor(
        (e) =>
          (e as Updated).type === 'verification.updated' && (e as Updated).verification.status === 'expired',
      );
      const email = await latestEmail(user.email, { since });
      expect(email.subject).toMatch(/expired/i);
      expect(email.text).toContain(v.id);
    } finally {
      await ws.close();
    }
  });

  it('expiry of a request that received a code completes it with the last code, no refund', async () => {
    await seedPool('PL', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'amazon', country: 'PL' });
    await deliverSms(v.phoneNumber, '123456 is your Amazon OTP. Do not share it with anyone.', 'Amazon');
    const due = pastInstant();
    await makeDue(v.id, due);

    await runExpiryJob(new Date(due.getTime() + 1000));

    const read = (await getVerification(user, v.id)).json;
    expect(read).toEqual(
      expect.objectContaining({ status: 'completed', finalCode: '123456', refunded: false }),
    );
    expect(await balanceOf(user)).toBe(1000 - 15);
    expect(await ledgerFor(user, v.id, 'refund')).toHaveLength(0);
  });

  it('the expiry notice follows the preferences: none when both channels are off', async () => {
    await seedPool('CZ', 1);
    const user = await fundedUser(1000);
    const off = { numberRenewal: true, verificationExpired: false, usageWarnings: true, newMessage: true };
    const prefs = await as(user).put('/v1/me/notification-preferences', { email: off, inApp: off });
    expect(prefs.status).toBe(200);
    const v = await created(user, { service: 'tiktok', country: 'CZ' });
    const due = pastInstant();
    await makeDue(v.id, due);

    await runExpiryJob(new Date(due.getTime() + 1000));

    expect((await getVerification(user, v.id)).json.status).toBe('expired');
    const mailbox = await api.get<{ items: Array<{ subject: string }> }>(
      `/dev/mailbox?to=${encodeURIComponent(user.email)}`,
    );
    expect(mailbox.json.items.filter((m) => /expired/i.test(m.subject))).toEqual([]);
  });

  it("another user's request is a 404 for get, cancel and complete; malformed ids are 400", async () => {
    await seedPool('GR', 1);
    const owner = await fundedUser(1000);
    const stranger = await fundedUser(0);
    const v = await created(owner, { service: 'facebook', country: 'GR' });

    expectProblem(await getVerification(stranger, v.id), 404, 'not_found');
    expectProblem(await cancel(stranger, v.id), 404, 'not_found');
    expectProblem(await complete(stranger, v.id), 404, 'not_found');
    expectProblem(await getVerification(stranger, 'vrf_01JZ0000000000000000000000'), 404, 'not_found');
    expectProblem(await getVerification(stranger, 'nope'), 400, 'validation_failed');
    expect((await getVerification(owner, v.id)).json.status).toBe('pending');
  });
});
