import { INDEX_PER_READER_UP_TO } from '../../../shared/conversations/search-index';
import { headOf, indexEntries, MAX_KEYS_PER_MESSAGE } from '../../../shared/conversations/tokenizer';
import { db } from '../../../shared/platform/db/service';
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

/** The index entries stored for a message under `scope` (a user id or a group's conversation id), by head. */
async function storedEntries(scope: string, messageId: string, heads: readonly string[]): Promise<string[]> {
  const { data, unprocessed } = await db()
    .entities.searchToken.get(heads.map((token) => ({ scope, token, messageId })))
    .go();
  expect(unprocessed).toEqual([]);
  return data.map((e) => e.token).sort();
}

describe('message search index cost and bounds', () => {
  const marker = `zg${Date.now().toString(36)}`;

  it('writes one entry per distinct word head per reader: 10 words in a two-person chat are 20 entries', async () => {
    const [alice, bob] = await Promise.all([busyUser('alice'), busyUser('bob')]);
    const conv = await chat(alice, [bob]);
    const body = 'Are we still on for lunch at noon tomorrow, Bob?';
    const message = await send(alice, conv.id, body);
    const heads = indexEntries(body).map((e) => e.head);
    expect(heads).toHaveLength(10);
    for (const user of [alice, bob]) {
      expect(await storedEntries(user.userId, message.id, heads)).toEqual([...heads].sort());
    }
    expect((await search(bob, 'q=tomorr')).items.map((h) => h.message.id)).toEqual([message.id]);
  });

  it('caps the entries of a message at MAX_KEYS_PER_MESSAGE heads', async () => {
    const [alice, bob] = await Promise.all([busyUser('alice'), busyUser('bob')]);
    const conv = await chat(alice, [bob]);
    const letters = 'abcdefghij';
    // 100 words with 100 distinct heads (aa…jj), then the marker.
    const words = [...letters].flatMap((a) => [...letters].map((b) => `${a}${b}x`));
    const message = await send(alice, conv.id, `${words.join(' ')} ${marker}`);
    const heads = [...words.map(headOf), headOf(marker)];
    const stored = await storedEntries(alice.userId, message.id, heads);
    expect(stored).toHaveLength(MAX_KEYS_PER_MESSAGE);
    expect(stored).toEqual(heads.slice(0, MAX_KEYS_PER_MESSAGE).sort());
    // The first words stay searchable; the ones past the cap are not indexed.
    expect((await search(alice, `q=aax&conversationId=${conv.id}`)).items).toHaveLength(1);
  });

  it('still answers from entries written before word lists (one per reader and prefix)', async () => {
    const [alice, bob] = await Promise.all([busyUser('alice'), busyUser('bob')]);
    const conv = await chat(alice, [bob]);
    const message = await send(bob, conv.id, `Legacy ${marker}old entry`);
    // The old layout's two-letter entry: same key, no word list.
    await db()
      .entities.searchToken.put({
        scope: alice.userId,
        token: headOf(marker),
        messageId: message.id,
        conversationId: conv.id,
      })
      .go();
    expect((await search(alice, `q=${marker}old`)).items.map((h) => h.message.id)).toEqual([message.id]);
    expect((await search(alice, `q=${marker}new`)).items).toEqual([]);
  });

  describe(`a group of more than ${INDEX_PER_READER_UP_TO} users`, () => {
    let members: TestUser[];
    let group: string;
    let first: MessageView;
    let second: MessageView;

    beforeAll(async () => {
      members = await Promise.all(
        Array.from({ length: INDEX_PER_READER_UP_TO + 2 }, (_, i) => busyUser(`group${i}`)),
      );
      group = (await chat(members[0]!, members.slice(1))).id;
      first = await send(members[0]!, group, `Kickoff ${marker} at nine`);
      second = await send(members[3]!, group, `Moved the ${marker} to ten`);
    });

    it('is indexed once under the conversation, not per reader', async () => {
      const heads = [headOf(marker)];
      expect(await storedEntries(group, first.id, heads)).toEqual(heads);
      for (const member of members) {
        expect(await storedEntries(member.userId, first.id, heads)).toEqual([]);
      }
      const { data: scopes } = await db()
        .entities.searchScope.get(members.map((m) => ({ userId: m.userId, conversationId: group })))
        .go();
      expect(scopes).toHaveLength(members.length);
    });

    it('lets every member find its messages, newest first, alone or filtered by the conversation', async () => {
      for (const member of members) {
        const found = await search(member, `q=${marker}`);
        expect(found.items.map((h) => h.message.id)).toEqual([second.id, first.id]);
        expect(found.items.every((h) => h.conversationId === group)).toBe(true);
      }
      const filtered = await search(
        members[1]!,
        `q=${encodeURIComponent(`${marker} kick`)}&conversationId=${group}`,
      );
      expect(filtered.items.map((h) => h.message.id)).toEqual([first.id]);
    });

    it("merges the group with the caller's own chats and pages across both", async () => {
      const [owner, other] = [members[0]!, members[1]!];
      const direct = (await chat(owner, [other])).id;
      const between = await send(other, direct, `Private ${marker} note`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Hit> = await search(
          owner,
          `q=${marker}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.items.map((h) => h.message.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([between.id, second.id, first.id]);
    });

    it('is found by no one outside the group', async () => {
      const outsider = await busyUser('outsider');
      expect((await search(outsider, `q=${marker}`)).items).toEqual([]);
      expectProblem(
        await api.get(`/v1/messages/search?q=${marker}&conversationId=${group}`, auth(outsider)),
        404,
        'not_found',
      );
    });
  });
});
