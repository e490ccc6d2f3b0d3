import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { baseUrl, type TestUser } from './api';

/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium (override with CHROMIUM_PATH),
 * one browser per test file. Every page collects console errors and uncaught exceptions; a
 * test ends with `expectNoBrowserErrors` so any of them fails it.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Longest wait for any one step (a locator, a navigation). */
export const STEP_TIMEOUT_MS = 10_000;

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 800 } as const;

export interface TestPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far. */
  readonly errors: string[];
  /** Console errors matching one of these are expected by the test (e.g. the 401 of a wrong password). */
  readonly allowed: RegExp[];
}

/** A fresh context (own storage, own session) with one page, optionally already logged in as `user`. */
export async function openPage(
  browser: Browser,
  options: { user?: TestUser; viewport?: { width: number; height: number } } = {},
): Promise<TestPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, baseURL: baseUrl() });
  if (options.user) {
    const session = JSON.stringify({
      accessToken: options.user.accessToken,
      refreshToken: options.user.refreshToken,
    });
    await context.addInitScript((value: string) => {
      if (!window.sessionStorage.getItem('smsproj.e2e.seeded')) {
        window.sessionStorage.setItem('smsproj.e2e.seeded', '1');
        window.localStorage.setItem('smsproj.session', value);
      }
    }, session);
  }
  const page = await context.newPage();
  // Fail a step with its own message well before jest's test timeout.
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const result: TestPage = { context, page, errors: [], allowed: [] };
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} (${message.location().url})`;
    if (!result.allowed.some((pattern) => pattern.test(text))) result.errors.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => result.errors.push(`pageerror: ${error.message}`));
  return result;
}

export function expectNoBrowserErrors(...pages: TestPage[]): void {
  const errors = pages.flatMap((p) => p.errors);
  expect(errors).toEqual([]);
}

const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

/** Saves the page at phone and desktop size (test-output/screenshots/<name>-360x740.png, ...). */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    // Let layout settle after the resize (fonts are local; no network to wait for).
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`) });
  }
  if (original) await page.setViewportSize(original);
}
