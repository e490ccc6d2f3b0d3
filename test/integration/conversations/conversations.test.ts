import { api, expectProblem } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';
import {
  auth,
  type ConversationView,
  chat,
  conversation,
  history,
  type MessageView,
  type Page,
  send,
} from './support';

describe('conversations', () => {
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;

  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all([busyUser('alice'), busyUser('bob'), busyUser('carol')]);
  });

  describe('create', () => {
    it('creates a chat that both participants see', async () => {
      const response = await api.post<ConversationView>(
        '/v1/conversations',
        { title: 'Lunch', participants: [{ username: bob.username.toUpperCase() }] },
        auth(alice),
      );
      expect(response.status).toBe(201);
      const created = response.json;
      expect(created).toMatchObject({
        id: expect.stringMatching(/^conv_[0-9A-Z]{26}$/),
        title: 'Lunch',
        type: 'chat',
        unreadCount: 0,
        archived: false,
      });
      expect(created.participants).toEqual(
        expect.arrayContaining([
          { userId: alice.userId, username: alice.username },
          { userId: bob.userId, username: bob.username },
        ]),
      );
      expect(created.participants).toHaveLength(2);
      expect(await conversation(bob, created.id)).toMatchObject({ id: created.id, title: 'Lunch' });
    });

    it('refuses unknown usernames with 404', async () => {
      const response = await api.post(
        '/v1/conversations',
        { participants: [{ username: 'nobody_here_xyz' }] },
        auth(alice),
      );
      expectProblem(response, 404, 'not_found');
    });

    it('refuses a conversation with yourself only with 400', async () => {
      const response = await api.post(
        '/v1/conversations',
        { participants: [{ username: alice.username }] },
        auth(alice),
      );
      expectProblem(response, 400, 'validation_failed');
    });

    it.each([
      ['no participants', { participants: [] }],
      ['unknown fields', { participants: [{ username: 'bob' }], admin: true }],
      [
        'a participant with two identities',
        { participants: [{ username: 'bob', phoneNumber: '+14155550123' }] },
      ],
      ['an invalid phone number', { participants: [{ phoneNumber: '12345' }], fromNumber: '+14155550123' }],
      ['fromNumber on a chat', { participants: [{ username: 'bob' }], fromNumber: '+14155550123' }],
      ['an SMS conversation without fromNumber', { participants: [{ phoneNumber: '+14155550123' }] }],
    ])('answers 400 for %s', async (_name, body) => {
      const response = await api.post('/v1/conversations', body, auth(alice));
      expectProblem(response, 400, 'validation_failed');
    });

    it('refuses an SMS conversation from a number the caller does not own with 403', async () => {
      const response = await api.post(
        '/v1/conversations',
        { participants: [{ phoneNumber: '+14155550123' }], fromNumber: '+14155550188' },
        auth(alice),
      );
      expectProblem(response, 403, 'number_not_owned');
    });
  });

  describe('list, archive and restore', () => {
    it('lists newest activity first with previews, unread counts and cursor pagination', async () => {
      const user = await busyUser('lister');
      const first = await chat(user, [bob], 'first');
      const second = await chat(user, [carol], 'second');
      const third = await chat(user, [alice], 'third');
      await send(bob, first.id, 'bump the first one');

      const page1 = await api.get<Page<ConversationView>>('/v1/conversations?limit=2', auth(user));
      expect(page1.status).toBe(200);
      expect(page1.json.items.map((c) => c.id)).toEqual([first.id, third.id]);
      expect(page1.json.items[0]).toMatchObject({
        unreadCount: 1,
        lastMessage: { body: 'bump the first one' },
      });
      expect(page1.json.nextCursor).toEqual(expect.any(String));

      const page2 = await api.get<Page<ConversationView>>(
        `/v1/conversations?limit=2&cursor=${page1.json.nextCursor}`,
        auth(user),
      );
      expect(page2.json.items.map((c) => c.id)).toEqual([second.id]);
      expect(page2.json.nextCursor).toBeNull();
    });

    it('archives for the caller only and restores', async () => {
      const conv = await chat(alice, [bob], 'to archive');
      const archived = await api.delete(`/v1/conversations/${conv.id}`, auth(alice));
      expect(archived.status).toBe(204);

      const inbox = await api.get<Page<ConversationView>>('/v1/conversations?limit=100', auth(alice));
      expect(inbox.json.items.map((c) => c.id)).not.toContain(conv.id);
      const archive = await api.get<Page<ConversationView>>(
        '/v1/conversations?archived=true&limit=100',
        auth(alice),
      );
      expect(archive.json.items.find((c) => c.id === conv.id)).toMatchObject({ archived: true });
      expect(await conversation(alice, conv.id)).toMatchObject({ archived: true });
      // Nothing was deleted and Bob is not affected.
      expect(await conversation(bob, conv.id)).toMatchObject({ archived: false });
      const bobInbox = await api.get<Page<ConversationView>>('/v1/conversations?limit=100', auth(bob));
      expect(bobInbox.json.items.map((c) => c.id)).toContain(conv.id);

      const restored = await api.post<ConversationView>(
        `/v1/conversations/${conv.id}/restore`,
        undefined,
        auth(alice),
      );
      expect(restored.status).toBe(200);
      expect(restored.json).toMatchObject({ id: conv.id, archived: false });
      const back = await api.get<Page<ConversationView>>('/v1/conversations?limit=100', auth(alice));
      expect(back.json.items.map((c) => c.id)).toContain(conv.id);
    });

    it('answers 400 for a bad archived flag and a forged cursor', async () => {
      expectProblem(await api.get('/v1/conversations?archived=maybe', auth(alice)), 400, 'validation_failed');
      const forged = Buffer.from(JSON.stringify({ k: 'conversations', a: 'yesterday', c: 'x' })).toString(
        'base64url',
      );
      expectProblem(
        await api.get(`/v1/conversations?cursor=${forged}`, auth(alice)),
        400,
        'validation_failed',
      );
      expectProblem(await api.get('/v1/conversations?cursor=garbage', auth(alice)), 400, 'validation_failed');
    });
  });

  describe('messages', () => {
    let conv: ConversationView;

    beforeAll(async () => {
      conv = await chat(alice, [bob, carol], 'messages');
    });

    it('sends a message that every participant reads in the history', async () => {
      const message = await send(alice, conv.id, 'Hello team');
      expect(message).toMatchObject({
        id: expect.stringMatching(/^msg_[0-9A-Z]{26}$/),
        conversationId: conv.id,
        sender: { userId: alice.userId, username: alice.username },
        body: 'Hello team',
        mentions: [],
        attachments: [],
        status: expect.stringMatching(/^(sent|delivered)$/),
      });
      for (const reader of [bob, carol]) {
        expect((await history(reader, conv.id))[0]).toMatchObject({ id: message.id, body: 'Hello team' });
      }
    });

    it('stores a retried clientMessageId once and returns the first message', async () => {
      const body = { body: 'only once', clientMessageId: 'client-42' };
      const first = await api.post<MessageView>(`/v1/conversations/${conv.id}/messages`, body, auth(alice));
      const again = await api.post<MessageView>(
        `/v1/conversations/${conv.id}/messages`,
        { ...body, body: 'a retry with another text' },
        auth(alice),
      );
      expect(first.status).toBe(201);
      expect([200, 201]).toContain(again.status);
      expect(again.json).toMatchObject({
        id: first.json.id,
        body: 'only once',
        clientMessageId: 'client-42',
      });
      const stored = (await history(bob, conv.id)).filter((m) => m.clientMessageId === 'client-42');
      expect(stored).toHaveLength(1);
    });

    it('keeps the case of clientMessageId: ids differing only in case are two messages', async () => {
      const send = (clientMessageId: string) =>
        api.post<MessageView>(
          `/v1/conversations/${conv.id}/messages`,
          { body: `case ${clientMessageId}`, clientMessageId },
          auth(alice),
        );
      const upper = await send('Case-Order-7');
      const lower = await send('case-order-7');
      expect([upper.status, lower.status]).toEqual([201, 201]);
      expect(lower.json.id).not.toBe(upper.json.id);
      expect(lower.json).toMatchObject({ clientMessageId: 'case-order-7', body: 'case case-order-7' });
      const retried = await send('Case-Order-7');
      expect(retried.json.id).toBe(upper.json.id);
    });

    it('stores concurrent retries of one clientMessageId once', async () => {
      const body = { body: 'racing retries', clientMessageId: 'race-1' };
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          api.post<MessageView>(`/v1/conversations/${conv.id}/messages`, body, auth(bob)),
        ),
      );
      expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
      expect(new Set(responses.map((r) => r.json.id)).size).toBe(1);
      expect((await history(alice, conv.id)).filter((m) => m.clientMessageId === 'race-1')).toHaveLength(1);
    });

    it.each([
      ['an empty body', { body: '' }],
      ['a blank body', { body: '   ' }],
      ['a body over 4000 characters', { body: 'x'.repeat(4001) }],
      ['unknown fields', { body: 'hi', status: 'read' }],
      ['a bad attachment id', { body: 'hi', attachments: ['nope'] }],
    ])('answers 400 for %s', async (_name, body) => {
      expectProblem(
        await api.post(`/v1/conversations/${conv.id}/messages`, body, auth(alice)),
        400,
        'validation_failed',
      );
    });

    it('accepts a 4000-character body', async () => {
      const message = await send(alice, conv.id, 'y'.repeat(4000));
      expect(message.body).toHaveLength(4000);
    });

    it('turns @username of participants into mentions', async () => {
      const message = await send(
        alice,
        conv.id,
        `hey @${bob.username.toUpperCase()} and @nobody_at_all, mail me at x@${carol.username}.io`,
      );
      expect(message.mentions).toEqual([{ userId: bob.userId, username: bob.username }]);
    });

    it('answers mention autocomplete among the other participants', async () => {
      const all = await api.get<{ items: Array<{ userId: string; username: string }> }>(
        `/v1/conversations/${conv.id}/participants`,
        auth(alice),
      );
      expect(all.status).toBe(200);
      expect(all.json.items.map((p) => p.username).sort()).toEqual([bob.username, carol.username].sort());
      const prefixed = await api.get<{ items: Array<{ username: string }> }>(
        `/v1/conversations/${conv.id}/participants?prefix=@${bob.username.slice(0, 4).toUpperCase()}`,
        auth(alice),
      );
      expect(prefixed.json.items.map((p) => p.username)).toEqual([bob.username]);
    });
  });

  describe('unread counts and read receipts', () => {
    it('counts unread messages per user and drops them on a read receipt', async () => {
      const conv = await chat(alice, [bob]);
      const sent = [];
      for (const body of ['one', 'two', 'three']) sent.push(await send(bob, conv.id, body));
      expect((await conversation(alice, conv.id)).unreadCount).toBe(3);
      expect((await conversation(bob, conv.id)).unreadCount).toBe(0);

      const read = await api.post(
        `/v1/conversations/${conv.id}/read`,
        { messageId: sent[1]!.id },
        auth(alice),
      );
      expect(read.status).toBe(204);
      expect((await conversation(alice, conv.id)).unreadCount).toBe(1);

      // An older receipt never moves the horizon back.
      await api.post(`/v1/conversations/${conv.id}/read`, { messageId: sent[0]!.id }, auth(alice));
      expect((await conversation(alice, conv.id)).unreadCount).toBe(1);

      await api.post(`/v1/conversations/${conv.id}/read`, { messageId: sent[2]!.id }, auth(alice));
      const list = await api.get<Page<ConversationView>>('/v1/conversations?limit=100', auth(alice));
      expect(list.json.items.find((c) => c.id === conv.id)).toMatchObject({ unreadCount: 0 });

      // Bob sees his messages as read.
      expect((await history(bob, conv.id)).map((m) => m.status)).toEqual(['read', 'read', 'read']);
    });

    it('answers 404 for a message that is not in the conversation and 400 for a bad id', async () => {
      const conv = await chat(alice, [bob]);
      const other = await chat(alice, [carol]);
      const foreign = await send(carol, other.id, 'elsewhere');
      expectProblem(
        await api.post(`/v1/conversations/${conv.id}/read`, { messageId: foreign.id }, auth(alice)),
        404,
        'not_found',
      );
      expectProblem(
        await api.post(`/v1/conversations/${conv.id}/read`, { messageId: 'msg_x' }, auth(alice)),
        400,
        'validation_failed',
      );
    });
  });

  describe('history pagination', () => {
    it('walks the whole history with no gaps or repeats while messages keep arriving', async () => {
      const conv = await chat(alice, [bob]);
      const initial: string[] = [];
      for (let i = 0; i < 25; i++)
        initial.push((await send(i % 2 ? alice : bob, conv.id, `initial ${i}`)).id);

      const seen: string[] = [];
      let cursor: string | null = null;
      let arrivals = 0;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = await api.get<Page<MessageView>>(
          `/v1/conversations/${conv.id}/messages?limit=4${query}`,
          auth(alice),
        );
        expect(page.status).toBe(200);
        seen.push(...page.json.items.map((m) => m.id));
        cursor = page.json.nextCursor;
        // New messages arrive between page requests.
        await send(bob, conv.id, `arrival ${arrivals++}`);
      } while (cursor);

      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual([...initial].reverse());
    });

    it('answers 400 for garbage and forged cursors', async () => {
      const conv = await chat(alice, [bob]);
      for (const cursor of [
        '%%%',
        'bm90LWpzb24',
        Buffer.from('{"k":"messages","m":"msg_../x"}').toString('base64url'),
      ]) {
        expectProblem(
          await api.get(
            `/v1/conversations/${conv.id}/messages?cursor=${encodeURIComponent(cursor)}`,
            auth(alice),
          ),
          400,
          'validation_failed',
        );
      }
      expectProblem(
        await api.get(`/v1/conversations/${conv.id}/messages?limit=1000`, auth(alice)),
        400,
        'validation_failed',
      );
    });
  });

  describe('isolation', () => {
    it('answers 404 to a non-participant on every conversation route', async () => {
      const conv = await chat(alice, [bob]);
      const message = await send(alice, conv.id, 'private words');
      const base = `/v1/conversations/${conv.id}`;
      const outsider = auth(carol);
      const attempts = [
        api.get(base, outsider),
        api.delete(base, outsider),
        api.post(`${base}/restore`, undefined, outsider),
        api.get(`${base}/messages`, outsider),
        api.post(`${base}/messages`, { body: 'intrusion' }, outsider),
        api.get(`${base}/participants`, outsider),
        api.post(`${base}/read`, { messageId: message.id }, outsider),
        api.post(`${base}/attachments`, { fileName: 'a.txt', contentType: 'text/plain', size: 3 }, outsider),
        api.get(`/v1/messages/search?q=private&conversationId=${conv.id}`, outsider),
      ];
      for (const response of await Promise.all(attempts)) expectProblem(response, 404, 'not_found');
      // And the same for a conversation that does not exist.
      expectProblem(
        await api.get('/v1/conversations/conv_01J00000000000000000000000', auth(alice)),
        404,
        'not_found',
      );
      // Nothing was changed by the attempts.
      expect((await history(alice, conv.id)).map((m) => m.body)).toEqual(['private words']);
    });

    it('answers 401 without credentials', async () => {
      expectProblem(await api.get('/v1/conversations'), 401, 'unauthorized');
    });
  });
});
