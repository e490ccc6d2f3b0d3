import type { Browser, Locator, Page } from 'playwright-core';
import { createConversation, createUser, postMessage, type TestUser } from './helpers/api';
import {
  expectNoBrowserErrors,
  launchBrowser,
  openPage,
  screenshots,
  type TestPage,
} from './helpers/browser';

/** A 1×1 PNG, enough for an image attachment and its preview. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const log = (page: Page): Locator => page.getByRole('log', { name: 'Messages' });
const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message' });
const conversations = (page: Page): Locator => page.getByRole('navigation', { name: 'Conversations' });

async function openChat(t: TestPage, conversationId?: string): Promise<void> {
  await t.page.goto(conversationId ? `/chat/${conversationId}` : '/chat');
  if (conversationId) await log(t.page).waitFor();
  else await conversations(t.page).waitFor();
}

jest.setTimeout(120_000);

/** The chat page in the browser: live messaging between two people, history, mentions, files. */
describe('web: chat', () => {
  let browser: Browser;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    browser = await launchBrowser();
    [alice, bob] = await Promise.all([createUser('alice'), createUser('bob')]);
  });

  afterAll(async () => {
    await browser.close();
  });

  it('chats live between two browsers with typing indicator, delivery and read status', async () => {
    const a = await openPage(browser, { user: alice });
    const b = await openPage(browser, { user: bob });
    await Promise.all([openChat(a), openChat(b)]);

    // Alice starts the conversation from the UI.
    await a.page.getByRole('button', { name: 'New conversation' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'New conversation' });
    await dialog.getByLabel('Username or phone number').fill(bob.username);
    await dialog.getByRole('button', { name: 'Start conversation' }).click();
    await composer(a.page).waitFor();
    await a.page.waitForURL(/\/chat\/conv_/);

    await composer(a.page).fill('Hi Bob, first message');
    await composer(a.page).press('Enter');
    // Optimistic: in the log at once, then confirmed by the server.
    const first = log(a.page).getByRole('listitem').filter({ hasText: 'Hi Bob, first message' });
    await first.waitFor();
    await expect(composer(a.page).inputValue()).resolves.toBe('');

    // Bob is online, so the message is delivered; his list shows it live, unread.
    await first.getByText('Delivered', { exact: true }).waitFor();
    const entry = conversations(b.page).getByRole('link', { name: new RegExp(alice.username) });
    await entry.getByText('Hi Bob, first message').waitFor();
    await entry.getByText('1 unread').waitFor();
    await entry.click();
    await log(b.page).getByText('Hi Bob, first message').waitFor();
    // Bob read it: Alice sees "Read".
    await first.getByText('Read', { exact: true }).waitFor();

    // Typing indicator while Alice types (she types for a few seconds: the server relays at most
    // one "typing" per 2 s, the client repeats it every 2.5 s); Shift+Enter: new line; Enter: send.
    const typing = composer(a.page).pressSequentially('Are you there?', { delay: 250 });
    await b.page.getByText(`${alice.username} is typing…`).waitFor();
    await typing;
    await composer(a.page).press('Shift+Enter');
    await composer(a.page).pressSequentially('Second line');
    await expect(composer(a.page).inputValue()).resolves.toBe('Are you there?\nSecond line');
    await composer(a.page).press('Enter');
    await log(b.page).getByText('Second line').waitFor();
    await b.page.getByText(`${alice.username} is typing…`).waitFor({ state: 'hidden' });

    // Bob answers: Alice gets it live; Bob's copy is delivered (Alice is connected) then read.
    await composer(b.page).fill('Yes! Here.');
    await composer(b.page).press('Enter');
    await log(a.page).getByText('Yes! Here.').waitFor();
    const reply = log(b.page).getByRole('listitem').filter({ hasText: 'Yes! Here.' });
    await reply.getByText(/^(Delivered|Read)$/).waitFor();
    await reply.getByText('Read', { exact: true }).waitFor();

    // Messages are grouped by day.
    await log(a.page).getByRole('heading', { name: 'Today' }).waitFor();
    await screenshots(a.page, 'chat-conversation');
    expectNoBrowserErrors(a, b);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('loads older messages when scrolled to the top, keeping the reading position', async () => {
    const conversation = await createConversation(alice, [bob.username], 'Long history');
    // 65 messages in batches of 5 (the order inside a batch does not matter here).
    const text = (i: number) => `History message ${String(i).padStart(3, '0')}`;
    for (let batch = 0; batch < 13; batch += 1) {
      const numbers = [1, 2, 3, 4, 5].map((k) => batch * 5 + k);
      await Promise.all(numbers.map((i) => postMessage(i % 2 === 0 ? alice : bob, conversation.id, text(i))));
    }
    const a = await openPage(browser, { user: alice });
    await openChat(a, conversation.id);
    const messages = log(a.page).locator('li.msg');
    await log(a.page).getByText('History message 065').waitFor();
    await expect(log(a.page).getByText('History message 001').count()).resolves.toBe(0);

    // Scroll to the top: an older page is prepended and what was on screen stays on screen.
    const before = await messages.count();
    const oldestShown = (await messages.first().textContent())?.match(/History message \d{3}/)?.[0] ?? '';
    await log(a.page).evaluate((el) => {
      el.scrollTop = 0;
    });
    await a.page.waitForFunction(
      ([selector, count]) => document.querySelectorAll(selector as string).length > (count as number),
      ['[role=log] li.msg', before] as const,
    );
    const anchor = log(a.page).getByText(oldestShown, { exact: true });
    const [logBox, anchorBox] = await Promise.all([log(a.page).boundingBox(), anchor.boundingBox()]);
    const top = logBox?.y ?? Number.NaN;
    const bottom = top + (logBox?.height ?? 0);
    expect(anchorBox?.y).toBeGreaterThanOrEqual(top - (anchorBox?.height ?? 0));
    expect(anchorBox?.y).toBeLessThanOrEqual(bottom);

    // Keep scrolling up until the whole history is there, each message once.
    const beginning = log(a.page).getByText('Beginning of the conversation');
    for (let i = 0; i < 10 && !(await beginning.isVisible()); i += 1) {
      await log(a.page).evaluate((el) => {
        el.scrollTop = 0;
      });
      await a.page.waitForFunction(
        () => document.querySelector('[role=log]')?.getAttribute('aria-busy') === 'false',
      );
    }
    await beginning.waitFor();
    await log(a.page).getByText('History message 001').waitFor();
    await expect(messages.count()).resolves.toBe(65);
    expectNoBrowserErrors(a);
    await a.context.close();
  });

  it('suggests participants after @ and highlights the mention', async () => {
    const carol = await createUser('carol');
    const conversation = await createConversation(alice, [bob.username, carol.username], 'Team');
    const a = await openPage(browser, { user: alice });
    await openChat(a, conversation.id);

    await composer(a.page).pressSequentially(`Ping @${bob.username.slice(0, 4)}`);
    const listbox = a.page.getByRole('listbox', { name: 'Mention suggestions' });
    const option = listbox.getByRole('option', { name: new RegExp(`@${bob.username}`) });
    await option.waitFor();
    await expect(
      listbox.getByRole('option', { name: new RegExp(`@${carol.username}`) }).count(),
    ).resolves.toBe(0);
    await composer(a.page).press('Enter');
    await expect(composer(a.page).inputValue()).resolves.toBe(`Ping @${bob.username} `);
    await listbox.waitFor({ state: 'hidden' });
    await composer(a.page).pressSequentially('please review');
    await composer(a.page).press('Enter');

    const mention = log(a.page).locator('mark.mention', { hasText: `@${bob.username}` });
    await mention.waitFor();
    await screenshots(a.page, 'chat-mention');

    // Bob sees himself mentioned, highlighted as such.
    const b = await openPage(browser, { user: bob });
    await openChat(b, conversation.id);
    await log(b.page)
      .locator('mark.mention.me', { hasText: `@${bob.username}` })
      .waitFor();
    expectNoBrowserErrors(a, b);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('checks, uploads and previews an image attachment, delivered to the other side', async () => {
    const conversation = await createConversation(alice, [bob.username], 'Photos');
    const a = await openPage(browser, { user: alice });
    const b = await openPage(browser, { user: bob });
    await Promise.all([openChat(a, conversation.id), openChat(b, conversation.id)]);
    const attach = a.page.getByLabel('Attach file');

    // Refused before any upload: wrong type.
    await attach.setInputFiles({
      name: 'setup.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ'),
    });
    await a.page
      .getByRole('alert')
      .getByText(/setup\.exe: only images/)
      .waitFor();

    await attach.setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    const tray = a.page.getByRole('list', { name: 'Attachments to send' });
    await tray.getByRole('img', { name: 'Preview of pixel.png' }).waitFor();
    await tray.getByText('Ready').waitFor();
    await screenshots(a.page, 'chat-attachment-preview');
    await composer(a.page).fill('A tiny picture');
    await composer(a.page).press('Enter');

    for (const page of [a.page, b.page]) {
      const image = log(page).getByRole('img', { name: 'pixel.png' });
      await image.waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[role=log] img[alt="pixel.png"]');
        return img?.complete === true && img.naturalWidth === 1 && !img.src.startsWith('blob:');
      });
    }
    expectNoBrowserErrors(a, b);
    await Promise.all([a.context.close(), b.context.close()]);
  });

  it('archives and restores a conversation', async () => {
    const conversation = await createConversation(alice, [bob.username], 'To archive');
    await postMessage(bob, conversation.id, 'Something to keep');
    const a = await openPage(browser, { user: alice });
    await openChat(a, conversation.id);

    await a.page.getByRole('button', { name: 'Archive', exact: true }).click();
    await a.page.waitForURL(/\/chat$/);
    await expect(conversations(a.page).getByText('To archive').count()).resolves.toBe(0);
    await a.page.getByRole('button', { name: 'Archived' }).click();
    const archived = conversations(a.page).getByRole('listitem').filter({ hasText: 'To archive' });
    await archived.getByRole('button', { name: 'Restore' }).click();
    await a.page.waitForURL(new RegExp(`/chat/${conversation.id}`));
    await log(a.page).getByText('Something to keep').waitFor();
    await conversations(a.page).getByText('To archive').waitFor();
    expectNoBrowserErrors(a);
    await a.context.close();
  });

  it('searches messages across conversations and opens the match', async () => {
    const conversation = await createConversation(alice, [bob.username], 'Searchable');
    await postMessage(bob, conversation.id, 'The quarterly zeppelin report is ready');
    const a = await openPage(browser, { user: alice });
    await openChat(a);

    await a.page.getByRole('searchbox', { name: 'Search messages' }).fill('zeppel');
    const results = a.page.getByRole('region', { name: 'Search results' });
    const hit = results.getByRole('link', { name: /quarterly zeppelin report/ });
    await hit.locator('mark', { hasText: 'zeppel' }).waitFor();
    await hit.click();
    await a.page.waitForURL(new RegExp(`/chat/${conversation.id}`));
    await log(a.page).getByText('The quarterly zeppelin report is ready').waitFor();
    expectNoBrowserErrors(a);
    await a.context.close();
  });
});
