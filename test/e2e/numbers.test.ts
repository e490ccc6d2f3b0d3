import type { Browser } from 'playwright-core';
import { call, createUser, type TestUser, topUp } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(60_000);

/** The numbers page: marketplace filters, purchase confirmation, owned numbers. */
describe('web: numbers', () => {
  let browser: Browser;
  let user: TestUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('buyer');
    await topUp(user.email, 5_000);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('filters the marketplace, buys a number after confirmation and manages it', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/numbers');
    await page.getByText('You have no numbers yet.').waitFor();

    // Filter: Canadian numbers with SMS.
    await page.getByLabel('Country').selectOption('CA');
    await page.getByLabel('Capability').selectOption('sms');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const table = page.getByRole('table', { name: 'Available numbers' });
    const buy = table.getByRole('button', { name: /^Buy \+1/ }).first();
    await buy.waitFor();
    await screenshots(page, 'numbers');
    const label = (await buy.getAttribute('aria-label')) ?? '';
    const phoneNumber = label.replace(/^Buy /, '');

    await buy.click();
    const dialog = page.getByRole('dialog', { name: `Buy ${phoneNumber}` });
    await dialog.getByText('Charged now').waitFor();
    await screenshots(page, 'numbers-buy-dialog');
    await dialog.getByRole('button', { name: 'Confirm purchase' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Owned: listed with renewal date and auto-renew on; the balance went down.
    const owned = page.getByRole('listitem', { name: phoneNumber });
    await owned.waitFor();
    await owned.getByText(/^Renews/).waitFor();
    const autoRenew = owned.getByRole('checkbox', { name: 'Auto-renew' });
    await expect(autoRenew.isChecked()).resolves.toBe(true);
    const me = await call<{ balanceCents: number }>('/v1/me', { token: user.accessToken });
    expect(me.balanceCents).toBeLessThan(5_000);
    const mine = await call<{ items: Array<{ phoneNumber: string; autoRenew: boolean }> }>('/v1/numbers', {
      token: user.accessToken,
    });
    expect(mine.items).toEqual([expect.objectContaining({ phoneNumber, autoRenew: true })]);

    // Auto-renew off, then cancel.
    await autoRenew.click();
    await owned.getByText(/^Usable until/).waitFor();
    await expect(autoRenew.isChecked()).resolves.toBe(false);
    await owned.getByRole('button', { name: 'Cancel number' }).click();
    await owned.getByRole('button', { name: `Yes, cancel ${phoneNumber}` }).click();
    await owned.getByText('cancelled', { exact: true }).waitFor();
    await screenshots(page, 'numbers-owned');
    const after = await call<{ status: string; autoRenew: boolean }>(
      `/v1/numbers/${encodeURIComponent(phoneNumber)}`,
      {
        token: user.accessToken,
      },
    );
    expect(after.status).toBe('cancelled');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('explains a purchase the balance cannot cover', async () => {
    const poor = await createUser('poor');
    const t = await openPage(browser, { user: poor });
    const { page } = t;
    t.allowed.push(/status of 402/);
    await page.goto('/numbers');
    const buy = page
      .getByRole('table', { name: 'Available numbers' })
      .getByRole('button', { name: /^Buy / })
      .first();
    await buy.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Charged now').waitFor();
    await dialog.getByRole('button', { name: 'Confirm purchase' }).click();
    await dialog.getByRole('alert').getByText('Your balance is too low for this number.').waitFor();
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('texts a phone from an owned number and shows the reply live', async () => {
    const texter = await createUser('texter');
    await topUp(texter.email, 2_000);
    const available = await call<{ items: Array<{ phoneNumber: string }> }>(
      '/v1/numbers/available?country=US&capability=sms&limit=1',
      { token: texter.accessToken },
    );
    const from = available.items[0]?.phoneNumber ?? '';
    await call('/v1/numbers', {
      token: texter.accessToken,
      body: { phoneNumber: from },
      headers: { 'idempotency-key': `e2e-buy-${from}` },
    });
    const t = await openPage(browser, { user: texter });
    const { page } = t;
    await page.goto('/chat');

    await page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Username or phone number').fill('+14155550199');
    const sendFrom = dialog.getByLabel('Send from');
    await sendFrom.waitFor();
    await expect(sendFrom.inputValue()).resolves.toBe(from);
    await dialog.getByRole('button', { name: 'Start conversation' }).click();
    await page.getByText(`SMS from ${from} to +14155550199`).waitFor();

    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Hello by SMS');
    await composer.press('Enter');
    const log = page.getByRole('log', { name: 'Messages' });
    await log
      .getByRole('listitem')
      .filter({ hasText: 'Hello by SMS' })
      .getByText(/^(Queued|Sent|Delivered)$/)
      .waitFor();

    await call('/dev/sms/inbound', { body: { from: '+14155550199', to: from, body: 'Got it, thanks' } });
    await log.getByText('Got it, thanks').waitFor();
    await screenshots(page, 'chat-sms');
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
