import type { Browser } from 'playwright-core';
import { routes } from '../../shared/routes';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

/** The API reference (tools/build-docs.ts): Redoc at /docs renders /openapi.json's operations. */
describe('web: API reference at /docs', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('renders every operation of the route table, with responses and security', async () => {
    const t = await openPage(browser);
    const { page } = t;

    await page.goto('/docs');
    await page.getByRole('heading', { name: 'Log in with email or username and password.' }).waitFor();
    await screenshots(page, 'api-reference');
    const operations = await page.locator('[data-section-id^="operation/"]').count();
    const spec = await page.evaluate(async () => (await fetch('/openapi.json')).json());

    expect(operations).toBeGreaterThanOrEqual(routes.length);
    expect(Object.keys((spec as { paths: object }).paths).length).toBeGreaterThan(0);
    await page
      .getByRole('heading', { name: 'Send an SMS from an owned number', exact: false })
      .first()
      .waitFor();
    expectNoBrowserErrors(t);
  });
});
