import type { Browser } from 'playwright-core';
import { call, createUser, type TestUser, topUp } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(90_000);

/**
 * Verification integrity in the web client (../shared/API.md "v1.1 Verification integrity"):
 * noise keeps a request pending, "Report number" cancels and refunds, "Use this number again"
 * rents the same number, and the plan's active cap is explained where it bites.
 */
describe('web: verification integrity', () => {
  let browser: Browser;
  let user: TestUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('integrity');
    await topUp(user.email, 1_000);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('keeps noise apart, reports a number, reuses a number, and explains the active cap', async () => {
    const t = await openPage(browser, { user });
    t.allowed.push(/status of 403/);
    const { page } = t;
    await page.goto('/verifications');

    // An SMS without a code: shown, but the request stays pending; then the number is reported.
    await page.getByLabel('Service', { exact: true }).selectOption('telegram');
    await page.getByRole('button', { name: /^Get a number/ }).click();
    const telegram = page.getByRole('region', { name: 'Telegram' });
    const telegramNumber = ((await telegram.getByLabel('Phone number').textContent()) ?? '').trim();
    await call('/dev/sms/inbound', { body: { from: '+447700900124', to: telegramNumber, body: 'hi there' } });
    await telegram.getByText('SMS without a code (1)').waitFor();
    await telegram.getByText('“hi there”', { exact: false }).waitFor();
    await expect(telegram.locator('.pill').textContent()).resolves.toBe('pending');
    await telegram.getByRole('button', { name: 'Report number' }).click();
    const form = telegram.getByRole('form', { name: 'Report number' });
    await form.getByText(/never offered for Telegram again/).waitFor();
    await form.getByLabel('Why?').selectOption('number_used');
    await screenshots(page, 'verifications-report');
    await form.getByRole('button', { name: 'Report and refund' }).click();
    await telegram.getByText('cancelled', { exact: true }).waitFor();
    await telegram.getByText(/You reported this number/).waitFor();

    // A completed request: "Use this number again" rents the same number for the same service.
    await page.getByLabel('Service', { exact: true }).selectOption('whatsapp');
    await page.getByRole('button', { name: /^Get a number/ }).click();
    const whatsapp = page.getByRole('region', { name: 'WhatsApp' });
    const whatsappNumber = ((await whatsapp.getByLabel('Phone number').textContent()) ?? '').trim();
    await call('/dev/sms/inbound', {
      body: { from: 'WhatsApp', to: whatsappNumber, body: 'Your WhatsApp code: 904-118' },
    });
    await whatsapp.getByRole('button', { name: 'Complete' }).click();
    await whatsapp.getByText('completed', { exact: true }).waitFor();
    await whatsapp.getByRole('button', { name: 'Use this number again' }).click();
    const cards = page.getByRole('region', { name: 'WhatsApp' });
    await cards.nth(1).waitFor();
    const renewed = cards.first();
    await expect(renewed.locator('.pill').textContent()).resolves.toBe('pending');
    await expect(renewed.getByLabel('Phone number').textContent()).resolves.toBe(whatsappNumber);
    await screenshots(page, 'verifications-reused');

    // The free plan holds 3 active requests: the fourth is refused with the reason shown.
    for (const service of ['google', 'discord']) {
      await page.getByLabel('Service', { exact: true }).selectOption(service);
      await page.getByRole('button', { name: /^Get a number/ }).click();
      await page
        .locator('.pill.pending')
        .nth(service === 'google' ? 1 : 2)
        .waitFor();
    }
    await page.getByLabel('Service', { exact: true }).selectOption('amazon');
    await page.getByRole('button', { name: /^Get a number/ }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/Your plan allows 3 active verification requests at once/).waitFor();
    await screenshots(page, 'verifications-cap');
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
