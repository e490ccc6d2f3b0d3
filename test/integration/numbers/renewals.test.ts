import { api, expectProblem } from '../helpers/api';
import type { Email } from '../helpers/mailbox';
import { signedInUser } from '../helpers/session';
import { connectWs } from '../helpers/ws';
import {
  balanceOf,
  bearer,
  buy,
  credit,
  enc,
  firstPayment,
  fundedUser,
  ownedNumber,
  runRenewals,
  shiftDays,
  stockNumber,
  userWithNumber,
} from './support';

/**
 * The renew-numbers job with a moved clock. Runs go through /dev/numbers/renewals/run, which
 * invokes the job handler for this test's users only, so moving the clock here never renews or
 * expires another test's numbers.
 */
const mailTo = async (email: string): Promise<Email[]> =>
  (await api.get<{ items: Email[] }>(`/dev/mailbox?to=${encodeURIComponent(email)}`)).json.items;

describe('renew-numbers', () => {
  it('is registered as a scheduled job and runs through /dev/jobs', async () => {
    const jobs = await api.get<{ items: Array<{ name: string; schedule: string }> }>('/dev/jobs');
    const run = await api.post<{ processed: number }>('/dev/jobs/renew-numbers/run', {});

    expect(jobs.json.items).toContainEqual(
      expect.objectContaining({ name: 'renew-numbers', schedule: 'rate(1 hour)' }),
    );
    expect(run.status).toBe(200);
    expect(run.json.processed).toBeGreaterThanOrEqual(0);
  });

  it('sends the renewal notice 7 days ahead once per period, by email and in-app', async () => {
    const { user, number } = await userWithNumber(0, 'notice');
    const socket = await connectWs(user.accessToken);
    const sixDaysBefore = shiftDays(number.renewsAt, -6);

    try {
      const early = await runRenewals(shiftDays(number.renewsAt, -8), [user]);
      const first = await runRenewals(sixDaysBefore, [user]);
      const second = await runRenewals(sixDaysBefore, [user]);
      const pushed = await socket.waitFor<{ kind: string; ref: string }>(
        (e) => (e as { type?: string }).type === 'notification',
      );

      expect([early, first, second]).toEqual([0, 1, 0]);
      const notices = (await mailTo(user.email)).filter((m) => m.subject.includes('renews on'));
      expect(notices).toHaveLength(1);
      expect(notices[0]!.subject).toContain(number.phoneNumber);
      expect(pushed).toMatchObject({ kind: 'number.renewal_notice', ref: number.phoneNumber });
    } finally {
      await socket.close();
    }
  });

  it('honours the notification preferences', async () => {
    const { user, number } = await userWithNumber(0, 'prefs');
    const prefs = {
      email: { numberRenewal: false, verificationExpired: true, usageWarnings: true, newMessage: true },
      inApp: { numberRenewal: true, verificationExpired: true, usageWarnings: true, newMessage: true },
    };
    const saved = await api.put('/v1/me/notification-preferences', prefs, bearer(user));

    const processed = await runRenewals(shiftDays(number.renewsAt, -6), [user]);

    expect(saved.status).toBe(200);
    expect(processed).toBe(1);
    expect((await mailTo(user.email)).filter((m) => m.subject.includes(number.phoneNumber))).toEqual([]);
  });

  it('renews exactly once at renewsAt even when the job runs twice', async () => {
    const { user, number } = await userWithNumber(0, 'renew');
    await credit(user, number.monthlyPriceCents * 2);
    const at = shiftDays(number.renewsAt, 0.01);

    const first = await runRenewals(at, [user]);
    const second = await runRenewals(at, [user]);
    const renewed = await ownedNumber(user, number.phoneNumber);

    expect([first, second]).toEqual([1, 0]);
    expect(await balanceOf(user)).toBe(number.monthlyPriceCents);
    expect(renewed).toMatchObject({
      status: 'active',
      usage: { smsSent: 0, smsReceived: 0, periodStart: number.renewsAt },
    });
    const next = new Date(number.renewsAt);
    next.setUTCMonth(next.getUTCMonth() + 1);
    expect(Math.abs(Date.parse(renewed.renewsAt) - next.getTime())).toBeLessThan(4 * 86_400_000);
    expect(Date.parse(renewed.renewsAt)).toBeGreaterThan(Date.parse(number.renewsAt) + 27 * 86_400_000);
  });

  it('expires without funds, quarantines the number, then returns it to the marketplace', async () => {
    const { user, number } = await userWithNumber(0, 'expire');
    const observer = await signedInUser('observer');
    const detail = () => api.get(`/v1/numbers/available/${enc(number.phoneNumber)}`, bearer(observer));
    const expiredAt = shiftDays(number.renewsAt, 0.01);

    const processed = await runRenewals(expiredAt, [user]);
    const expired = await ownedNumber(user, number.phoneNumber);
    const whileQuarantined = await detail();
    const tooEarly = await runRenewals(shiftDays(expiredAt, 29), [user]);
    const stillQuarantined = await detail();
    const released = await runRenewals(shiftDays(expiredAt, 31), [user]);
    const afterRelease = await detail();

    expect(processed).toBe(1);
    expect(expired.status).toBe('expired');
    expect(await balanceOf(user)).toBe(0);
    expectProblem(whileQuarantined, 404, 'not_found');
    expect(tooEarly).toBe(0);
    expectProblem(stillQuarantined, 404, 'not_found');
    expect(released).toBe(1);
    expect(afterRelease.status).toBe(200);
    expect((await mailTo(user.email)).some((m) => m.subject.includes('has expired'))).toBe(true);
    const send = await api.post(
      '/v1/sms',
      { from: number.phoneNumber, to: '+14155550123', body: 'still mine?' },
      bearer(user),
    );
    expectProblem(send, 403, 'number_not_owned');
  });

  it('frees the plan slot of an expired number', async () => {
    const { user, number } = await userWithNumber(0, 'slot');
    const extra = [await stockNumber(), await stockNumber(), await stockNumber()];
    await credit(
      user,
      extra.reduce((sum, n) => sum + firstPayment(n), 0),
    );
    // Bought moments after the first number, they fall due in the same run: no auto-renew, no charge.
    await buy(user, extra[0]!.phoneNumber, false);
    await buy(user, extra[1]!.phoneNumber, false);
    const blocked = await api.post('/v1/numbers', { phoneNumber: extra[2]!.phoneNumber }, bearer(user));

    await api.patch(`/v1/numbers/${enc(number.phoneNumber)}`, { autoRenew: false }, bearer(user));
    await runRenewals(shiftDays(number.renewsAt, 0.01), [user]);
    const allowed = await api.post('/v1/numbers', { phoneNumber: extra[2]!.phoneNumber }, bearer(user));

    expectProblem(blocked, 403, 'limit_reached');
    expect(allowed.status).toBe(201);
  });

  it('expires a number with autoRenew off without charging', async () => {
    const { user, number } = await userWithNumber(1000, 'norenew');
    await api.patch(`/v1/numbers/${enc(number.phoneNumber)}`, { autoRenew: false }, bearer(user));

    const processed = await runRenewals(shiftDays(number.renewsAt, 0.01), [user]);

    expect(processed).toBe(1);
    expect((await ownedNumber(user, number.phoneNumber)).status).toBe('expired');
    expect(await balanceOf(user)).toBe(1000);
  });

  it('keeps a cancelled number usable until renewsAt, then expires it without charging', async () => {
    const { user, number } = await userWithNumber(1000, 'cancelled');
    await api.delete(`/v1/numbers/${enc(number.phoneNumber)}`, bearer(user));

    const before = await runRenewals(shiftDays(number.renewsAt, -1), [user]);
    const stillCancelled = await ownedNumber(user, number.phoneNumber);
    const at = await runRenewals(shiftDays(number.renewsAt, 0.01), [user]);
    const after = await ownedNumber(user, number.phoneNumber);

    expect(before).toBe(0);
    expect(stillCancelled.status).toBe('cancelled');
    expect(at).toBe(1);
    expect(after.status).toBe('expired');
    expect(await balanceOf(user)).toBe(1000);
  });

  it("leaves other users' numbers alone in a scoped run", async () => {
    const { user: mine, number } = await userWithNumber(0, 'scoped');
    const other = await fundedUser(0, 'other');

    const processed = await runRenewals(shiftDays(number.renewsAt, 0.01), [other]);

    expect(processed).toBe(0);
    expect((await ownedNumber(mine, number.phoneNumber)).status).toBe('active');
  });
});
