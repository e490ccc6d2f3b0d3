import type { Browser } from 'playwright-core';
import { call, createUser, type TestUser, topUp } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(60_000);

/** Carrier-grade SMS in the web client: status with the carrier error, segment meter, opt-outs. */
describe('web: carrier-grade SMS', () => {
  let browser: Browser;
  let user: TestUser;
  let phoneNumber: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('smsweb');
    await topUp(user.email, 3_000);
    const available = await call<{ items: Array<{ phoneNumber: string }> }>(
      '/v1/numbers/available?country=US&capability=sms&limit=1',
      { token: user.accessToken },
    );
    phoneNumber = available.items[0]?.phoneNumber ?? '';
    await call('/v1/numbers', {
      token: user.accessToken,
      body: { phoneNumber },
      headers: { 'idempotency-key': `buy-${phoneNumber}` },
    });
  });

  afterAll(async () => {
    await browser.close();
  });

  it('shows an undelivered SMS with its error, and the segment count and price while typing', async () => {
    const sent = await call<{ conversationId: string }>('/v1/sms', {
      token: user.accessToken,
      body: { from: phoneNumber, to: '+15005550002', body: 'Are you there?' },
    });
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto(`/chat/${sent.conversationId}`);

    const item = page
      .getByRole('log', { name: 'Messages' })
      .getByRole('listitem')
      .filter({ hasText: 'Are you there?' });
    await item.getByText('Not delivered', { exact: true }).waitFor();
    await item.getByText('(TEXT_CARRIER_UNREACHABLE)').waitFor();

    await page.getByRole('textbox', { name: 'Message' }).fill('x'.repeat(161));
    await page.getByTestId('sms-meter').getByText('2 segments · GSM-7 · ≈ $0.02').waitFor();
    await screenshots(page, 'sms-status');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('lists recipients who texted STOP on the numbers page', async () => {
    await call('/dev/sms/inbound', { body: { from: '+14155550177', to: phoneNumber, body: 'STOP' } });
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/numbers');

    const optOuts = page.getByTestId('opt-outs');
    await optOuts.getByText(`+14155550177 texted STOP to ${phoneNumber}`, { exact: false }).waitFor();
    await screenshots(page, 'sms-opt-outs');
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
