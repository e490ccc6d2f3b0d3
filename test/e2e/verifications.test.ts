import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { call, createUser, type TestUser, topUp } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(60_000);

/** The verifications page: rent a number for a service, see the code arrive live, export the history. */
describe('web: verifications', () => {
  let browser: Browser;
  let user: TestUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('verifier');
    await topUp(user.email, 1_000);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('shows the rented number, receives the code live, completes and exports', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/verifications');

    await page.getByLabel('Service', { exact: true }).selectOption('telegram');
    await page.getByRole('button', { name: /^Get a number/ }).click();
    const card = page.getByRole('region', { name: 'Telegram' });
    const number = card.getByLabel('Phone number');
    await number.waitFor();
    await card.getByRole('timer').waitFor();
    await card.getByText('Waiting for the SMS…').waitFor();
    const phoneNumber = ((await number.textContent()) ?? '').trim();
    expect(phoneNumber).toMatch(/^\+\d{8,15}$/);
    await screenshots(page, 'verifications-waiting');

    // The service texts the number: the code appears without a reload.
    await call('/dev/sms/inbound', {
      body: { from: '+447700900123', to: phoneNumber, body: 'Your Telegram code: 48213. Do not share it.' },
    });
    const code = card.getByRole('status', { name: 'Verification code received' });
    await expect(code.textContent()).resolves.toBe('48213');
    await card.getByRole('button', { name: 'Copy code' }).waitFor();
    await screenshots(page, 'verifications-code');

    await card.getByRole('button', { name: 'Complete' }).click();
    await card.getByText('completed', { exact: true }).waitFor();

    // History, then the CSV export of it.
    const history = page.getByRole('table', { name: 'Verification history' });
    await history
      .getByRole('row', { name: /Telegram/ })
      .getByText('48213')
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const path = await download.path();
    const csv = await readFile(path, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe(
      'id,service,phoneNumber,status,finalCode,priceCents,createdAt,expiresAt,completedAt',
    );
    expect(csv).toContain('48213');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('cancels a pending verification', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/verifications');
    await page.getByLabel('Service', { exact: true }).selectOption('whatsapp');
    await page.getByRole('button', { name: /^Get a number/ }).click();
    const card = page.getByRole('region', { name: 'WhatsApp' });
    await card.getByRole('button', { name: 'Cancel verification' }).click();
    await card.getByText('cancelled', { exact: true }).waitFor();
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
