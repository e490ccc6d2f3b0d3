import type { Browser, Locator } from 'playwright-core';
import { call, createUser, type TestUser, topUp } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(60_000);

interface DashboardBody {
  readonly account: { readonly balanceCents: number; readonly plan: string };
  readonly usage: {
    readonly smsSent: number;
    readonly smsReceived: number;
    readonly verifications: number;
    readonly apiRequests: number;
  };
  readonly limits: { readonly smsPerMonth: number; readonly verificationsPerMonth: number };
}

/** Polls the API until `done` holds (usage counters may be updated asynchronously). */
async function settle(user: TestUser, done: (d: DashboardBody) => boolean): Promise<DashboardBody> {
  for (let attempt = 0; ; attempt += 1) {
    const dashboard = await call<DashboardBody>('/v1/me/dashboard', { token: user.accessToken });
    if (done(dashboard) || attempt >= 50) return dashboard;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const card = (root: Locator, name: string) => root.getByRole('region', { name, exact: true });

/** The dashboard: usage figures against plan limits, balance, and the account settings. */
describe('web: dashboard', () => {
  let browser: Browser;
  let user: TestUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('dash');
    await topUp(user.email, 3_000);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('shows this period’s SMS, verification and API figures with limits and the balance', async () => {
    // Arrange through the API: a number, two SMS out, one in, one verification.
    const available = await call<{ items: Array<{ phoneNumber: string }> }>(
      '/v1/numbers/available?country=US&capability=sms&limit=1',
      { token: user.accessToken },
    );
    const phoneNumber = available.items[0]?.phoneNumber ?? '';
    await call('/v1/numbers', {
      token: user.accessToken,
      body: { phoneNumber },
      headers: { 'idempotency-key': `buy-${phoneNumber}` },
    });
    for (const [i, to] of ['+14155550101', '+14155550102'].entries()) {
      await call('/v1/sms', {
        token: user.accessToken,
        body: { from: phoneNumber, to, body: `Hello ${i}` },
        headers: { 'idempotency-key': `sms-${phoneNumber}-${i}` },
      });
    }
    await call('/dev/sms/inbound', { body: { from: '+14155550101', to: phoneNumber, body: 'Hi back' } });
    await call('/v1/verifications', {
      token: user.accessToken,
      body: { service: 'google' },
      headers: { 'idempotency-key': `vrf-${phoneNumber}` },
    });
    const expected = await settle(
      user,
      (d) => d.usage.smsSent === 2 && d.usage.smsReceived === 1 && d.usage.verifications === 1,
    );
    expect(expected.usage).toMatchObject({ smsSent: 2, smsReceived: 1, verifications: 1 });

    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/dashboard');
    const main = page.getByRole('main');

    const sent = card(main, 'SMS sent');
    await sent.getByText(`/ ${expected.limits.smsPerMonth}`).waitFor();
    await expect(sent.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('2');
    await expect(sent.locator('.value').textContent()).resolves.toBe('2');
    await expect(card(main, 'SMS received').locator('.value').textContent()).resolves.toBe('1');
    const verifications = card(main, 'Verifications');
    await expect(verifications.locator('.value').textContent()).resolves.toBe('1');
    await expect(verifications.getByRole('progressbar').getAttribute('aria-valuemax')).resolves.toBe(
      String(expected.limits.verificationsPerMonth),
    );
    const requests = Number(
      ((await card(main, 'API requests').locator('.value').textContent()) ?? '').replace(/\D/g, ''),
    );
    expect(requests).toBeGreaterThanOrEqual(expected.usage.apiRequests);

    const me = await call<{ balanceCents: number }>('/v1/me', { token: user.accessToken });
    const balance = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      me.balanceCents / 100,
    );
    await card(main, 'Balance').getByText(balance).waitFor();
    await screenshots(page, 'dashboard');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('draws daily usage as charts with the monthly limits as lines, and keeps the table', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/dashboard');
    const usage = page.getByRole('region', { name: 'Usage and billing' });
    for (const title of [
      'SMS per day',
      'Verifications per day',
      'API requests per day',
      'Spend per day (USD)',
    ]) {
      const chart = usage.getByRole('figure', { name: title });
      await chart.locator('.uplot canvas').waitFor();
    }
    const sms = usage.getByRole('figure', { name: 'SMS per day' });
    // uPlot's legend names every series: daily counts, the month-to-date total and the limit line.
    for (const series of ['Sent', 'Received', 'Sent this month', 'Monthly limit']) {
      await sms.locator('.u-legend .u-label', { hasText: new RegExp(`^${series}$`) }).waitFor();
    }
    await usage.getByRole('figure', { name: 'Verifications per day' }).getByText('Monthly limit').waitFor();
    // The exact figures stay in the table.
    await usage.getByRole('table').getByRole('columnheader', { name: 'SMS sent' }).waitFor();
    await usage.scrollIntoViewIfNeeded();
    await screenshots(page, 'dashboard-usage-charts');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('edits the profile, creates and revokes an API key, and saves notification preferences', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/dashboard');

    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByLabel('Full name').fill('Dash Board');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByRole('status').getByText('Profile saved.').waitFor();
    await expect(call('/v1/me', { token: user.accessToken })).resolves.toMatchObject({
      fullName: 'Dash Board',
    });

    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByLabel('Key name').fill('CI key');
    await keys.getByRole('checkbox', { name: 'sms:send' }).check();
    await keys.getByRole('button', { name: 'Create key' }).click();
    const secret = keys.getByLabel('New API key');
    await secret.waitFor();
    const key = ((await secret.textContent()) ?? '').trim();
    await keys.getByRole('button', { name: 'Copy key' }).waitFor();
    // The key works for its scopes.
    await expect(call('/v1/numbers', { headers: { 'x-api-key': key } })).rejects.toThrow(/403/);
    const listed = keys.getByRole('listitem', { name: 'CI key' });
    await listed.getByText('messages:read, sms:send').waitFor();
    await listed.getByRole('button', { name: 'Revoke' }).click();
    await listed.waitFor({ state: 'detached' });

    const prefs = page.getByRole('region', { name: 'Notification preferences' });
    await prefs.getByRole('checkbox', { name: 'Usage warnings by email' }).uncheck();
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await prefs.getByText('Preferences saved.').waitFor();
    await expect(call('/v1/me/notification-preferences', { token: user.accessToken })).resolves.toMatchObject(
      {
        email: { usageWarnings: false },
        inApp: { usageWarnings: true },
      },
    );
    await screenshots(page, 'dashboard-settings');
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
