import type { Browser } from 'playwright-core';
import { call, createUser, type TestUser } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

jest.setTimeout(90_000);

/** Account settings: "Export my data" and "Delete account" (shared/API.md v1.1 Account lifecycle). */
describe('web: account lifecycle', () => {
  let browser: Browser;
  let user: TestUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    user = await createUser('life');
  });

  afterAll(async () => {
    await browser.close();
  });

  it('exports the data: request, then a download link to one JSON document', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    await page.goto('/dashboard');
    const card = page.getByRole('region', { name: 'Export my data' });
    await card.getByRole('button', { name: 'Export my data' }).click();
    const link = card.getByRole('link', { name: 'Download my data' });
    await link.waitFor({ timeout: 30_000 });
    const href = (await link.getAttribute('href')) ?? '';
    const document = (await (await fetch(href)).json()) as { userId: string; profile: { email: string } };
    expect(document.userId).toBe(user.userId);
    expect(document.profile.email).toBe(user.email);
    await screenshots(page, 'account-export');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('deletes the account after the password, with the consequences spelt out', async () => {
    const t = await openPage(browser, { user });
    const { page } = t;
    // The wrong password's 403 is expected in the console.
    t.allowed.push(/403/);
    await page.goto('/dashboard');
    const card = page.getByRole('region', { name: 'Delete account' });
    await card.getByText('cannot be undone').waitFor();
    await card.getByText('deleted-user').waitFor();
    await card.getByText('billing ledger is kept').waitFor();
    const submit = card.getByRole('button', { name: 'Delete my account' });
    expect(await submit.isDisabled()).toBe(true);

    await card.getByLabel('Password').fill('Wrong-password-1');
    await card.getByRole('checkbox', { name: /I understand/ }).check();
    await submit.click();
    await card.getByText('That password is not right.').waitFor();
    await screenshots(page, 'account-delete');

    await card.getByLabel('Password').fill(user.password);
    await submit.click();
    await page.waitForURL(/\/login\?deleted=1/);
    await page.getByText('Your account is being deleted.').waitFor();
    await expect(call('/v1/me', { token: user.accessToken })).rejects.toThrow(/401/);
    await expect(
      call('/v1/auth/login', { body: { email: user.email, password: user.password } }),
    ).rejects.toThrow(/401/);
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});
