import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { s3 } from '../../../shared/platform/adapters/storage';
import { config } from '../../../shared/platform/config';
import { db } from '../../../shared/platform/db/service';
import { MAX_PENDING_UPLOADS } from '../../../shared/conversations/service/attachment-slots';
import { api, expectProblem } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';
import { auth, chat, history, type MessageView } from './support';

interface UploadSlot {
  readonly attachmentId: string;
  readonly upload: { url: string; fields: Record<string, string>; expiresAt: string };
}

async function reserve(user: TestUser, conversationId: string, declared: Record<string, unknown>) {
  return api.post<UploadSlot>(`/v1/conversations/${conversationId}/attachments`, declared, auth(user));
}

/** Uploads like a browser form would: the policy fields first, the file last. */
async function upload(slot: UploadSlot, content: string, contentType: string): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.upload.fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: contentType }), 'upload.bin');
  return fetch(slot.upload.url, { method: 'POST', body: form });
}

describe('attachments', () => {
  let alice: TestUser;
  let bob: TestUser;
  let mallory: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    [alice, bob, mallory] = await Promise.all([busyUser('alice'), busyUser('bob'), busyUser('mallory')]);
    conversationId = (await chat(alice, [bob, mallory])).id;
  });

  it('uploads through the presigned POST and serves a download URL in the message', async () => {
    const text = 'id,name\n1,Ada\n';
    const reserved = await reserve(alice, conversationId, {
      fileName: 'people.csv',
      contentType: 'text/csv',
      size: 64,
    });
    expect(reserved.status).toBe(201);
    expect(reserved.json).toMatchObject({
      attachmentId: expect.stringMatching(/^att_[0-9A-Z]{26}$/),
      upload: { url: expect.any(String), fields: expect.objectContaining({ 'Content-Type': 'text/csv' }) },
    });
    expect(Date.parse(reserved.json.upload.expiresAt)).toBeGreaterThan(Date.now());
    expect(reserved.json.upload.fields.key).toContain(conversationId);

    const uploaded = await upload(reserved.json, text, 'text/csv');
    expect(uploaded.status).toBeLessThan(300);

    const sent = await api.post<MessageView>(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'the list', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    expect(sent.status).toBe(201);
    expect(sent.json.attachments).toEqual([
      {
        id: reserved.json.attachmentId,
        fileName: 'people.csv',
        contentType: 'text/csv',
        size: 64,
        downloadUrl: expect.stringMatching(/^https?:\/\//),
      },
    ]);

    const [seen] = await history(bob, conversationId, 1);
    const download = await fetch(seen!.attachments[0]!.downloadUrl);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe(text);
  });

  it('refuses declared files over 10 MB with 413', async () => {
    const response = await reserve(alice, conversationId, {
      fileName: 'huge.pdf',
      contentType: 'application/pdf',
      size: 10 * 1024 * 1024 + 1,
    });
    expectProblem(response, 413, 'file_too_large');
  });

  it('refuses types other than images, pdf, text and csv with 415', async () => {
    for (const contentType of ['application/x-msdownload', 'text/html', 'image/svg+xml']) {
      expectProblem(
        await reserve(alice, conversationId, { fileName: 'x', contentType, size: 10 }),
        415,
        'unsupported_type',
      );
    }
  });

  it.each([
    ['a zero size', { fileName: 'a.txt', contentType: 'text/plain', size: 0 }],
    ['a path as the file name', { fileName: '../../etc/passwd', contentType: 'text/plain', size: 5 }],
    ['unknown fields', { fileName: 'a.txt', contentType: 'text/plain', size: 5, acl: 'public-read' }],
  ])('answers 400 for %s', async (_name, body) => {
    expectProblem(await reserve(alice, conversationId, body), 400, 'validation_failed');
  });

  it('never lets a file bigger than declared become an attachment', async () => {
    const reserved = await reserve(alice, conversationId, {
      fileName: 'small.txt',
      contentType: 'text/plain',
      size: 8,
    });
    const uploaded = await upload(reserved.json, 'this is far more than eight bytes', 'text/plain');
    const sent = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'oversized', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    // S3 (and the local emulator's POST-policy front) enforces content-length-range: nothing is stored.
    expect(uploaded.status).toBe(400);
    expectProblem(sent, 400, 'attachment_not_uploaded');
  });

  it('refuses sending an attachment that was never uploaded', async () => {
    const reserved = await reserve(alice, conversationId, {
      fileName: 'later.png',
      contentType: 'image/png',
      size: 10,
    });
    const sent = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'too early', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    expectProblem(sent, 400, 'attachment_not_uploaded');
  });

  it("refuses another participant's upload with 404 and a second use with 409", async () => {
    const reserved = await reserve(alice, conversationId, {
      fileName: 'mine.txt',
      contentType: 'text/plain',
      size: 5,
    });
    expect((await upload(reserved.json, 'hello', 'text/plain')).status).toBeLessThan(300);
    const stolen = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'look what I found', attachments: [reserved.json.attachmentId] },
      auth(mallory),
    );
    expectProblem(stolen, 404, 'not_found');

    const first = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'mine', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    expect(first.status).toBe(201);
    const again = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'mine again', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    expectProblem(again, 409, 'attachment_in_use');
  });

  it('refuses an attachment of another conversation with 404', async () => {
    const other = await chat(alice, [bob]);
    const reserved = await reserve(alice, other.id, {
      fileName: 'o.txt',
      contentType: 'text/plain',
      size: 5,
    });
    await upload(reserved.json, 'other', 'text/plain');
    const sent = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'cross-posting', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    expectProblem(sent, 404, 'not_found');
  });

  it('tags an upload attachment=pending and re-tags it bound when a message binds it', async () => {
    const reserved = await reserve(alice, conversationId, {
      fileName: 'kept.txt',
      contentType: 'text/plain',
      size: 4,
    });
    expect((await upload(reserved.json, 'keep', 'text/plain')).status).toBeLessThan(300);
    const tagsOf = async () =>
      (
        await s3().send(
          new GetObjectTaggingCommand({
            Bucket: config('storage').BUCKET_NAME,
            Key: reserved.json.upload.fields.key,
          }),
        )
      ).TagSet;
    expect(await tagsOf()).toEqual([{ Key: 'attachment', Value: 'pending' }]);

    const sent = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'kept', attachments: [reserved.json.attachmentId] },
      auth(alice),
    );
    expect(sent.status).toBe(201);
    expect(await tagsOf()).toEqual([{ Key: 'attachment', Value: 'bound' }]);
  });
});

describe('pending upload slots', () => {
  const declared = { fileName: 'slot.txt', contentType: 'text/plain', size: 4 };

  it(`caps unbound slots at ${MAX_PENDING_UPLOADS} per user, exactly under parallel reservations; a send frees one`, async () => {
    const [carol, dave] = await Promise.all([busyUser('carol'), busyUser('dave')]);
    const { id } = await chat(carol, [dave]);
    const results = await Promise.all(
      Array.from({ length: MAX_PENDING_UPLOADS + 5 }, () => reserve(carol, id, declared)),
    );
    const reserved = results.filter((res) => res.status === 201);
    expect(reserved).toHaveLength(MAX_PENDING_UPLOADS);
    for (const res of results.filter((r) => r.status !== 201)) {
      expectProblem(res, 429, 'too_many_pending_uploads');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }

    // Binding one to a message frees its slot, and only that one.
    const slot = reserved[0]!.json;
    expect((await upload(slot, 'sent', 'text/plain')).status).toBeLessThan(300);
    const sent = await api.post(
      `/v1/conversations/${id}/messages`,
      { body: 'with a file', attachments: [slot.attachmentId] },
      auth(carol),
    );
    expect(sent.status).toBe(201);
    expect((await reserve(carol, id, declared)).status).toBe(201);
    expectProblem(await reserve(carol, id, declared), 429, 'too_many_pending_uploads');
  }, 120_000);

  it('does not count slots past their lifetime', async () => {
    const [erin, frank] = await Promise.all([busyUser('erin'), busyUser('frank')]);
    const { id } = await chat(erin, [frank]);
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    await db()
      .entities.pendingUploads.update({ userId: erin.userId })
      .add({
        attachmentIds: Array.from({ length: MAX_PENDING_UPLOADS }, (_, i) => `att_${ulid(twoDaysAgo + i)}`),
      })
      .go();
    expect((await reserve(erin, id, declared)).status).toBe(201);
  });
});
