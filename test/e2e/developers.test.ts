import type { Browser } from 'playwright-core';
import { startReceiver, type Receiver } from '../integration/webhooks/receiver';
import { createUser, type TestUser } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(90_000);

/** The Developers page: a webhook endpoint with its secret shown once, a test ping, the log, redeliver. */
describe('web: developers (webhooks)', () => {
  let browser: Browser;
  let user: TestUser;
  let receiver: Receiver;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('devs');
    receiver = await startReceiver(500);
  });

  afterAll(async () => {
    await browser.close();
    await receiver.close();
  });

  it('adds an endpoint, shows the secret once, pings it and redelivers from the log', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/developers');
    const main = page.getByRole('main');
    await main.getByLabel('Endpoint URL').fill(receiver.url);
    await main.getByRole('checkbox', { name: 'ping' }).check();
    await main.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = main.getByLabel('Webhook signing secret');
    await secret.getByText(/^whsec_/).waitFor();
    await main.getByRole('button', { name: 'I saved it' }).click();
    await secret.waitFor({ state: 'detached' });

    await main.getByRole('button', { name: 'Send test' }).click();
    await main.getByRole('button', { name: 'Deliveries' }).click();
    const log = main.getByRole('region', { name: 'Deliveries' });
    // The receiver answers 500: the log shows the status code and a next attempt.
    for (let i = 0; i < 50; i++) {
      if ((await log.getByRole('cell', { name: '500' }).count()) > 0) break;
      await log.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(200);
    }
    await log.getByRole('cell', { name: '500' }).first().waitFor();
    await screenshots(page, 'developers');
    receiver.respondWith(200);
    await log.getByRole('button', { name: 'Redeliver' }).first().click();
    for (let i = 0; i < 50; i++) {
      if ((await log.getByRole('cell', { name: 'succeeded' }).count()) > 0) break;
      await log.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(200);
    }
    await log.getByRole('cell', { name: 'succeeded' }).first().waitFor();
    expect(new Set(receiver.received.map((r) => r.event.id)).size).toBe(1);
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
