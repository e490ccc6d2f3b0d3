import { setTimeout as sleep } from 'node:timers/promises';
import { db } from '../../../shared/platform/db/service';
import { monthBucket } from '../../../shared/usage/service';
import { api, expectProblem } from '../helpers/api';
import { latestEmail } from '../helpers/mailbox';
import { signedInUser, type TestUser } from '../helpers/session';

interface Dashboard {
  account: { status: string; plan: string; emailVerified: boolean; balanceCents: number };
  usage: {
    periodStart: string;
    periodEnd: string;
    smsSent: number;
    verifications: number;
    apiRequests: number;
  };
  limits: { smsPerMonth: number; verificationsPerMonth: number; numbers: number; requestsPerSecond: number };
  warnings: Array<{
    code: string;
    metric: string;
    used: number;
    limit: number;
    percent: number;
    upgrade: { href: string };
  }>;
  numbers: { owned: number };
  recentActivity: Array<{ type: string; at: string; summary: string }>;
}

/** Sets this month's verification counter (a fixture: 400 real verifications would be slow). */
const setVerificationsUsed = (user: TestUser, used: number) =>
  db()
    .entities.usageCounter.upsert({ userId: user.userId, bucket: monthBucket() })
    .set({ verifications: used })
    .go();

async function fund(user: TestUser, amountCents: number) {
  const res = await api.post('/dev/credits', { email: user.email, amountCents });
  expect(res.status).toBe(200);
}

describe('dashboard', () => {
  it('shows the account, usage, limits, numbers and recent activity', async () => {
    const user = await signedInUser('dash');
    await fund(user, 5000);
    const res = await api.get<Dashboard>('/v1/me/dashboard', { token: user.accessToken });
    expect(res.status).toBe(200);
    expect(res.json.account).toEqual({
      status: 'active',
      plan: 'free',
      emailVerified: true,
      balanceCents: 5000,
      nextCharge: null,
    });
    expect(res.json.limits).toEqual({
      smsPerMonth: 100,
      verificationsPerMonth: 500,
      numbers: 3,
      requestsPerSecond: 10,
    });
    expect(res.json.numbers).toEqual({ owned: 0 });
    expect(res.json.warnings).toEqual([]);
    expect(res.json.recentActivity.map((a) => a.type)).toContain('login');
    expect(Date.parse(res.json.usage.periodEnd)).toBeGreaterThan(Date.parse(res.json.usage.periodStart));
  });

  it('warns at 80 % and 100 % of a limit, and emails the first crossing per the preferences', async () => {
    const [wants, quiet] = await Promise.all([signedInUser('warn'), signedInUser('quiet')]);
    const off = { numberRenewal: true, verificationExpired: true, usageWarnings: false, newMessage: true };
    const on = { ...off, usageWarnings: true };
    expect(
      (
        await api.put(
          '/v1/me/notification-preferences',
          { email: off, inApp: on },
          { token: quiet.accessToken },
        )
      ).status,
    ).toBe(200);
    for (const user of [wants, quiet]) {
      await fund(user, 10_000);
      await setVerificationsUsed(user, 399);
      const since = new Date();
      const created = await api.post(
        '/v1/verifications',
        { service: 'telegram' },
        { token: user.accessToken },
      );
      expect(created.status).toBe(201);
      const dash = await api.get<Dashboard>('/v1/me/dashboard', { token: user.accessToken });
      expect(dash.json.warnings).toEqual([
        {
          code: 'approaching_limit',
          metric: 'verificationsPerMonth',
          used: 400,
          limit: 500,
          percent: 80,
          upgrade: { href: '/v1/plans' },
        },
      ]);
      if (user === wants) {
        const mail = await latestEmail(user.email, { since });
        expect(mail.subject).toMatch(/80 %/);
      } else {
        await sleep(500);
        const mailbox = await api.get<{ items: Array<{ subject: string; sentAt: string }> }>(
          `/dev/mailbox?to=${encodeURIComponent(user.email)}`,
        );
        expect(mailbox.json.items.filter((m) => new Date(m.sentAt) >= since && /%/.test(m.subject))).toEqual(
          [],
        );
      }
    }
    // At the limit: the warning becomes limit_reached and the next request is a 429 with the upgrade path.
    await setVerificationsUsed(wants, 500);
    const dash = await api.get<Dashboard>('/v1/me/dashboard', { token: wants.accessToken });
    expect(dash.json.warnings[0]).toMatchObject({ code: 'limit_reached', used: 500, percent: 100 });
    const refused = await api.post(
      '/v1/verifications',
      { service: 'telegram' },
      { token: wants.accessToken },
    );
    const problem = expectProblem(refused, 429, 'rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(problem).toMatchObject({
      limit: 500,
      upgrade: { href: '/v1/plans' },
      temporaryIncrease: { href: expect.any(String) },
    });
  });
});

describe('usage and billing', () => {
  it('reports per-day rows, per-key requests and the ledger', async () => {
    const user = await signedInUser('usage');
    await fund(user, 2500);
    const key = await api.post<{ id: string; key: string }>(
      '/v1/me/api-keys',
      { name: 'm', scopes: ['account:read'] },
      {
        token: user.accessToken,
      },
    );
    for (let i = 0; i < 3; i++) expect((await api.get('/v1/me', { apiKey: key.json.key })).status).toBe(200);
    expect((await api.get('/v1/me/api-keys', { apiKey: key.json.key })).status).toBe(403);

    // Metering is asynchronous (access-log batches every second): poll until it shows.
    let report:
      | {
          items: Array<Record<string, number | string>>;
          byKey: Array<{ keyId: string; apiRequests: number; errors: number }>;
          billing: { balanceCents: number; ledger: Array<{ type: string; amountCents: number }> };
        }
      | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await api.get<NonNullable<typeof report>>('/v1/me/usage', { token: user.accessToken });
      expect(res.status).toBe(200);
      report = res.json;
      if (report.byKey.find((k) => k.keyId === key.json.id)?.apiRequests === 4) break;
      await sleep(250);
    }
    const today = new Date().toISOString().slice(0, 10);
    expect(report?.byKey.find((k) => k.keyId === key.json.id)).toEqual({
      keyId: key.json.id,
      apiRequests: 4,
      errors: 1,
    });
    expect(report?.items.find((d) => d.date === today)?.apiRequests).toBeGreaterThanOrEqual(4);
    expect(report?.billing.balanceCents).toBe(2500);
    expect(report?.billing.ledger).toEqual([expect.objectContaining({ type: 'topup', amountCents: 2500 })]);

    const lastUsed = await api.get<{ items: Array<{ id: string; lastUsedAt: string | null }> }>(
      '/v1/me/api-keys',
      {
        token: user.accessToken,
      },
    );
    expect(lastUsed.json.items.find((k) => k.id === key.json.id)?.lastUsedAt).toEqual(expect.any(String));
  });

  it.each([
    ['a bad date', 'from=2024-13-45'],
    ['from after to', 'from=2026-05-02&to=2026-05-01'],
    ['an unknown granularity', 'granularity=hour'],
    ['more than a year', 'from=2020-01-01&to=2026-01-01'],
  ])('rejects %s with 400', async (_name, query) => {
    const user = await signedInUser('usageq');
    expectProblem(
      await api.get(`/v1/me/usage?${query}`, { token: user.accessToken }),
      400,
      'validation_failed',
    );
  });
});
