import { getBalance } from '../../../shared/billing/service';
import { api } from '../helpers/api';
import { latestEmail } from '../helpers/mailbox';
import { signedInUser } from '../helpers/session';

interface Dashboard {
  account: { plan: string; balanceCents: number; nextCharge: { date: string; amountCents: number } | null };
}

const runRenewals = async (now: string) => {
  const res = await api.post<{ processed: number }>('/dev/jobs/renew-plans/run', { now });
  if (res.status !== 200) throw new Error(`renew-plans answered ${res.status}: ${res.text}`);
  return res.json.processed;
};

describe('paid plans renew monthly from the balance', () => {
  it('charges each period exactly once, shows the next charge, and drops to free without funds', async () => {
    const user = await signedInUser('renewplan');
    const auth = { token: user.accessToken };
    await api.post('/dev/credits', { email: user.email, amountCents: 2900 * 2 });
    expect((await api.post('/v1/me/plan', { plan: 'pro' }, auth)).status).toBe(200);
    expect(await getBalance(user.userId)).toBe(2900);

    const before = await api.get<Dashboard>('/v1/me/dashboard', auth);
    const next = before.json.account.nextCharge;
    expect(next).toEqual({ date: expect.any(String), amountCents: 2900 });
    const due = new Date(Date.parse(next?.date ?? '') + 60_000).toISOString();

    // The period ends: charged once, however often the job runs for that period.
    await runRenewals(due);
    await runRenewals(due);
    expect(await getBalance(user.userId)).toBe(0);
    const renewed = await api.get<Dashboard>('/v1/me/dashboard', auth);
    expect(renewed.json.account).toMatchObject({ plan: 'pro', balanceCents: 0 });
    const second = renewed.json.account.nextCharge;
    expect(Date.parse(second?.date ?? '')).toBeGreaterThan(Date.parse(next?.date ?? ''));

    // Next period, no funds: the account drops to free with a notice, nothing is charged.
    const since = new Date();
    await runRenewals(new Date(Date.parse(second?.date ?? '') + 60_000).toISOString());
    const dropped = await api.get<Dashboard>('/v1/me/dashboard', auth);
    expect(dropped.json.account).toMatchObject({ plan: 'free', balanceCents: 0, nextCharge: null });
    const email = await latestEmail(user.email, { since });
    expect(email.subject).toMatch(/not renewed/);
  });
});
