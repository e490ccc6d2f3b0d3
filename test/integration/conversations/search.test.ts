import { api, expectProblem } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';
import { auth, chat, type MessageView, type Page, send } from './support';

interface Hit {
  readonly message: MessageView;
  readonly conversationId: string;
  readonly highlight: string;
}

async function search(user: TestUser, query: string): Promise<Page<Hit>> {
  const response = await api.get<Page<Hit>>(`/v1/messages/search?${query}`, auth(user));
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${response.text}`);
  return response.json;
}

describe('message search', () => {
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let withBob: string;
  let withCarol: string;
  // A word nobody else's test data contains, so results are exact.
  const marker = `zq${Date.now().toString(36)}`;

  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all([busyUser('alice'), busyUser('bob'), busyUser('carol')]);
    withBob = (await chat(alice, [bob])).id;
    withCarol = (await chat(alice, [carol])).id;
    await send(bob, withBob, `Lunch at the Café ${marker}?`);
    await send(alice, withBob, `The ${marker}x report is attached`);
    await send(alice, withCarol, `Deployment of ${marker} tonight`);
    await send(carol, withCarol, 'nothing to see here');
  });

  it('matches whole words, prefixes, case- and accent-insensitively, newest first', async () => {
    const exact = await search(alice, `q=${marker.toUpperCase()}`);
    expect(exact.items.map((h) => h.message.body)).toEqual([
      `Deployment of ${marker} tonight`,
      `The ${marker}x report is attached`,
      `Lunch at the Café ${marker}?`,
    ]);
    const accent = await search(alice, `q=${encodeURIComponent(`cafe ${marker}`)}`);
    expect(accent.items).toHaveLength(1);
    expect(accent.items[0]).toMatchObject({
      conversationId: withBob,
      message: { sender: { userId: bob.userId } },
      highlight: expect.stringContaining('<mark>Café</mark>'),
    });
    const prefix = await search(alice, `q=${encodeURIComponent(`DEPLOY ${marker}`)}`);
    expect(prefix.items.map((h) => h.message.body)).toEqual([`Deployment of ${marker} tonight`]);
  });

  it('requires every term', async () => {
    expect((await search(alice, `q=${encodeURIComponent(`${marker} dinner`)}`)).items).toEqual([]);
  });

  it('searches only the conversations the caller belongs to', async () => {
    const bobs = await search(bob, `q=${marker}`);
    expect(bobs.items.map((h) => h.conversationId)).toEqual([withBob, withBob]);
    const outsider = await busyUser('outsider');
    expect((await search(outsider, `q=${marker}`)).items).toEqual([]);
    expect((await search(outsider, 'q=lunch')).items).toEqual([]);
  });

  it('filters by conversation', async () => {
    const result = await search(alice, `q=${marker}&conversationId=${withCarol}`);
    expect(result.items.map((h) => h.message.body)).toEqual([`Deployment of ${marker} tonight`]);
  });

  it('pages with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Hit> = await search(alice, `q=${marker}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((h) => h.message.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('keeps archived conversations searchable', async () => {
    expect((await api.delete(`/v1/conversations/${withCarol}`, auth(alice))).status).toBe(204);
    const result = await search(alice, `q=${marker}&conversationId=${withCarol}`);
    expect(result.items).toHaveLength(1);
    await api.post(`/v1/conversations/${withCarol}/restore`, undefined, auth(alice));
  });

  it('answers 400 for empty or unusable queries and forged cursors', async () => {
    expectProblem(await api.get('/v1/messages/search', auth(alice)), 400, 'validation_failed');
    expectProblem(await api.get('/v1/messages/search?q=a', auth(alice)), 400, 'validation_failed');
    expectProblem(
      await api.get('/v1/messages/search?q=hello&cursor=!!', auth(alice)),
      400,
      'validation_failed',
    );
    const forged = Buffer.from('{"k":"search","m":1}').toString('base64url');
    expectProblem(
      await api.get(`/v1/messages/search?q=hello&cursor=${forged}`, auth(alice)),
      400,
      'validation_failed',
    );
  });
});
