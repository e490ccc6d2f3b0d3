import type { Browser } from 'playwright-core';
import { call, createUser, PASSWORD, uniqueName, verificationCode } from './helpers/api';
import { expectNoBrowserErrors, launchBrowser, openPage, screenshots } from './helpers/browser';

/** Register → verify → log in → log out in the browser, plus the session's silent refresh. */
describe('web: accounts', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser.close();
  });

  it('registers, verifies the email with the mailed code, logs in and lands on /chat', async () => {
    const t = await openPage(browser);
    const { page } = t;
    const username = uniqueName('reg');
    const email = `${username}@example.com`;

    await page.goto('/register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Enter a valid email address.').waitFor();
    await screenshots(page, 'register');

    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Full name').fill('Reg Tester');
    await page.getByRole('button', { name: 'Create account' }).click();

    const codeInput = page.getByLabel('Verification code');
    await codeInput.waitFor();
    await screenshots(page, 'verify-email');
    await codeInput.fill(await verificationCode(email));
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.waitForURL('**/login**');
    await expect(page.getByLabel('Email or username').inputValue()).resolves.toBe(email);
    await screenshots(page, 'login');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.waitForURL('**/chat');
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    await page.getByText(username).first().waitFor();
    await screenshots(page, 'chat-empty');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('shows an alert for wrong credentials and keeps private pages behind /login', async () => {
    const user = await createUser('wrong');
    const t = await openPage(browser);
    const { page } = t;
    t.allowed.push(/status of 401/);

    await page.goto('/dashboard');
    await page.waitForURL('**/login');
    await page.getByLabel('Email or username').fill(user.username);
    await page.getByLabel('Password').fill('Not-the-password-1');
    await page.getByRole('button', { name: 'Log in' }).click();

    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Wrong email, username or password',
    );
    expect(page.url()).toMatch(/\/login$/);
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('logs out on the server: the old token is rejected and private pages redirect to /login', async () => {
    const user = await createUser('logout');
    const t = await openPage(browser);
    const { page } = t;

    await page.goto('/login');
    await page.getByLabel('Email or username').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/chat');
    const session = await page.evaluate(() => window.localStorage.getItem('smsproj.session'));
    const { accessToken } = JSON.parse(session ?? '{}') as { accessToken: string };

    await page.getByRole('button', { name: 'Log out' }).click();

    await page.waitForURL('**/login');
    await expect(page.evaluate(() => window.localStorage.getItem('smsproj.session'))).resolves.toBeNull();
    await expect(call('/v1/me', { token: accessToken })).rejects.toThrow(/401/);
    await page.goto('/chat');
    await page.waitForURL('**/login');
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('refreshes an expired access token silently, and returns to /login when the refresh fails', async () => {
    const user = await createUser('refresh');
    const t = await openPage(browser);
    const { page } = t;
    t.allowed.push(/status of 401/);
    await page.goto('/login');

    // An access token the API rejects, with a valid refresh token: the app carries on.
    await page.evaluate(
      (refreshToken) =>
        window.localStorage.setItem(
          'smsproj.session',
          JSON.stringify({ accessToken: 'expired.token.value', refreshToken }),
        ),
      user.refreshToken,
    );
    await page.goto('/chat');
    await page.getByRole('banner').getByText(user.username).waitFor();
    expect(page.url()).toMatch(/\/chat$/);
    const refreshed = await page.evaluate(() => window.localStorage.getItem('smsproj.session'));
    expect(JSON.parse(refreshed ?? '{}')).toMatchObject({ refreshToken: user.refreshToken });
    expect(JSON.parse(refreshed ?? '{}').accessToken).not.toBe('expired.token.value');

    // Both tokens rejected: back to the login page.
    await page.evaluate(() =>
      window.localStorage.setItem(
        'smsproj.session',
        JSON.stringify({ accessToken: 'expired.token.value', refreshToken: 'revoked-refresh-token' }),
      ),
    );
    await page.goto('/numbers');
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expectNoBrowserErrors(t);
    await t.context.close();
  });

  it('resets a forgotten password with the emailed code', async () => {
    const user = await createUser('forgot');
    const t = await openPage(browser);
    const { page } = t;
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Send reset code' }).click();
    await page.getByLabel('Reset code').waitFor();
    const newPassword = 'Another-horse-42';
    await page.getByLabel('Reset code').fill(await resetCode(user.email));
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();

    await page.waitForURL('**/login**');
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/chat');
    expectNoBrowserErrors(t);
    await t.context.close();
  });
});

/** The code of the newest password-reset email (the verification email is older). */
async function resetCode(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const box = await call<{ items: Array<{ subject: string; text: string }> }>(
      `/dev/mailbox?to=${encodeURIComponent(email)}`,
    );
    const reset = box.items.find((m) => /reset|password/i.test(`${m.subject} ${m.text}`));
    const code = reset && /\b(\d{6})\b/.exec(`${reset.subject} ${reset.text}`)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No password reset email for ${email}`);
}
