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
    // Redoc's footer logo is on its CDN; these machines have no internet.
    t.allowed.push(/cdn\.redoc\.ly/);

    await page.goto('/docs');
    // Redoc renders the whole document client-side, which takes a while on a busy machine.
    const last = routes[routes.length - 1]!;
    await page
      .locator(`[data-section-id="operation/${last.id}"]`)
      .waitFor({ state: 'attached', timeout: 90_000 });
    const operations = await page.locator('[data-section-id^="operation/"]').count();
    const login = (await page.locator('[data-section-id="operation/login"]').textContent()) ?? '';
    const spec = await page.evaluate(async () => (await fetch('/openapi.json')).json());
    await screenshots(page, 'api-reference');

    expect(operations).toBe(routes.length);
    expect(login).toContain('Log in with email or username and password.');
    expect(login).toContain('/v1/auth/login');
    expect(Object.keys((spec as { paths: object }).paths)).toContain('/v1/auth/login');
    expectNoBrowserErrors(t);
  }, 150_000);
});
