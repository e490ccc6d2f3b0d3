import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import {
  authorizePostUpload,
  type PostForm,
  type PostPolicyOptions,
  s3ErrorXml,
  verifyPostUpload,
} from '../../../local/emulators/s3-post-policy';

/**
 * The local S3 front's POST policy checks against policies made by the real createPresignedPost,
 * signed with the local runtime's dummy credentials (local/runtime.ts) at a fixed time.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const SIGNED_AT = Date.parse('2026-03-01T12:00:00Z');
const BUCKET = 'smsproj-local';
const KEY = 'conversations/c1/attachments/att_1';
/** S3's key variable, a literal string (not a template). */
const FILENAME = '$' + '{filename}';
const options = (at = SIGNED_AT + 60_000): PostPolicyOptions => ({ now: new Date(at), credentials });

async function presign(overrides: Partial<PresignedPostOptions> = {}): Promise<Record<string, string>> {
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4568',
    forcePathStyle: true,
    credentials,
  });
  const now = jest.spyOn(Date, 'now').mockReturnValue(SIGNED_AT);
  try {
    const { fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: KEY,
      Conditions: [
        ['content-length-range', 1, 1024],
        ['eq', '$Content-Type', 'text/plain'],
      ],
      Fields: { 'Content-Type': 'text/plain' },
      Expires: 15 * 60,
      ...overrides,
    });
    return fields;
  } finally {
    now.mockRestore();
    client.destroy();
  }
}

const form = (fields: Record<string, string>, file: PostForm['file'] = {}): PostForm => ({
  bucket: BUCKET,
  fields,
  file,
});

describe('S3 POST policy', () => {
  it('accepts an upload that matches a policy made by createPresignedPost', async () => {
    const fields = await presign();

    const verdict = verifyPostUpload(form(fields, { contentType: 'text/plain' }), 500, options());

    expect(verdict).toEqual({
      ok: true,
      upload: expect.objectContaining({
        bucket: BUCKET,
        key: KEY,
        contentType: 'text/plain',
        sizeRange: { min: 1, max: 1024 },
      }),
    });
  });

  it('accepts the exact bounds of content-length-range', async () => {
    const fields = await presign();

    expect(verifyPostUpload(form(fields), 1, options()).ok).toBe(true);
    expect(verifyPostUpload(form(fields), 1024, options()).ok).toBe(true);
  });

  it('refuses a tampered signature with SignatureDoesNotMatch (403)', async () => {
    const fields = await presign();
    const signature = fields['X-Amz-Signature']!;
    const tampered = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;

    const verdict = verifyPostUpload(form({ ...fields, 'X-Amz-Signature': tampered }), 500, options());

    expect(verdict).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'SignatureDoesNotMatch' }),
    });
  });

  it('refuses a policy rewritten to allow more (the signature no longer matches)', async () => {
    const fields = await presign();
    const document = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    document.conditions[0] = ['content-length-range', 1, 10 * 1024 * 1024];
    const rewritten = Buffer.from(JSON.stringify(document)).toString('base64');

    const verdict = verifyPostUpload(form({ ...fields, Policy: rewritten }), 5000, options());

    expect(verdict).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'SignatureDoesNotMatch' }),
    });
  });

  it('refuses a policy signed with another secret or an unknown access key', async () => {
    const fields = await presign();

    const otherSecret = verifyPostUpload(form(fields), 500, {
      ...options(),
      credentials: { accessKeyId: 'local', secretAccessKey: 'not-local' },
    });
    const otherKey = verifyPostUpload(form(fields), 500, {
      ...options(),
      credentials: { accessKeyId: 'someone-else', secretAccessKey: 'local' },
    });

    expect(otherSecret).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'SignatureDoesNotMatch' }),
    });
    expect(otherKey).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'InvalidAccessKeyId' }),
    });
  });

  it('refuses an expired policy with AccessDenied (403)', async () => {
    const fields = await presign();

    const verdict = verifyPostUpload(form(fields), 500, options(SIGNED_AT + 15 * 60_000 + 1000));

    expect(verdict).toEqual({
      ok: false,
      error: { status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' },
    });
  });

  it('refuses a Content-Type other than the policy names with AccessDenied (403)', async () => {
    const fields = await presign();

    const verdict = verifyPostUpload(form({ ...fields, 'Content-Type': 'text/html' }), 500, options());

    expect(verdict).toEqual({
      ok: false,
      error: {
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy Condition failed: ["eq","$Content-Type","text/plain"]',
      },
    });
  });

  it("checks the file part's type when the form has no Content-Type field", async () => {
    const { 'Content-Type': _omitted, ...fields } = await presign({ Fields: {} });

    const html = verifyPostUpload(form(fields, { contentType: 'text/html' }), 500, options());
    const text = verifyPostUpload(form(fields, { contentType: 'text/plain' }), 500, options());

    expect(html).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'AccessDenied' }),
    });
    expect(text).toEqual({ ok: true, upload: expect.objectContaining({ contentType: 'text/plain' }) });
  });

  it('refuses a file over the maximum with EntityTooLarge (400)', async () => {
    const fields = await presign();

    const verdict = verifyPostUpload(form(fields), 2048, options());

    expect(verdict).toEqual({
      ok: false,
      error: {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
        details: { ProposedSize: '2048', MaxSizeAllowed: '1024' },
      },
    });
  });

  it('refuses a file under the minimum with EntityTooSmall (400)', async () => {
    const fields = await presign();

    const verdict = verifyPostUpload(form(fields), 0, options());

    expect(verdict).toEqual({
      ok: false,
      error: expect.objectContaining({
        status: 400,
        code: 'EntityTooSmall',
        details: { ProposedSize: '0', MinSizeAllowed: '1' },
      }),
    });
  });

  it('refuses a key outside the policy, exact or by prefix, with AccessDenied (403)', async () => {
    const exact = await presign();
    const prefixed = await presign({ Key: `uploads/u1/${FILENAME}` });

    const otherKey = verifyPostUpload(form({ ...exact, key: `${KEY}-other` }), 500, options());
    const otherPrefix = verifyPostUpload(
      form({ ...prefixed, key: `uploads/u2/${FILENAME}` }, { fileName: 'a.txt' }),
      500,
      options(),
    );
    const samePrefix = verifyPostUpload(form(prefixed, { fileName: 'a.txt' }), 500, options());

    expect(otherKey).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'AccessDenied' }),
    });
    expect(otherPrefix).toEqual({
      ok: false,
      error: expect.objectContaining({
        status: 403,
        code: 'AccessDenied',
        message: 'Invalid according to Policy: Policy Condition failed: ["starts-with","$key","uploads/u1/"]',
      }),
    });
    expect(samePrefix).toEqual({ ok: true, upload: expect.objectContaining({ key: 'uploads/u1/a.txt' }) });
  });

  it('refuses a bucket other than the one the policy names with AccessDenied (403)', async () => {
    const fields = await presign();

    const verdict = verifyPostUpload({ ...form(fields), bucket: 'another-bucket' }, 500, options());

    expect(verdict).toEqual({
      ok: false,
      error: expect.objectContaining({
        status: 403,
        message: `Invalid according to Policy: Policy Condition failed: {"bucket":"${BUCKET}"}`,
      }),
    });
  });

  it('refuses form fields no condition names, except x-ignore-* ones', async () => {
    const fields = await presign();

    const extra = verifyPostUpload(form({ ...fields, acl: 'public-read' }), 500, options());
    const ignored = verifyPostUpload(form({ ...fields, 'x-ignore-submit': 'Upload' }), 500, options());

    expect(extra).toEqual({
      ok: false,
      error: expect.objectContaining({
        status: 403,
        message: 'Invalid according to Policy: Extra input fields: acl',
      }),
    });
    expect(ignored.ok).toBe(true);
  });

  it('treats a field named __proto__ as an ordinary (here: extra) field', async () => {
    const fields = Object.fromEntries([...Object.entries(await presign()), ['__proto__', 'x']]);

    const verdict = verifyPostUpload(form(fields), 500, options());

    expect(verdict).toEqual({
      ok: false,
      error: expect.objectContaining({
        message: 'Invalid according to Policy: Extra input fields: __proto__',
      }),
    });
  });

  it('matches field names case-insensitively, as S3 does', async () => {
    const fields = await presign();
    const lowerCased = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [name.toLowerCase(), value]),
    );

    expect(verifyPostUpload(form(lowerCased), 500, options()).ok).toBe(true);
  });

  it('refuses an anonymous form (no policy) with AccessDenied and a missing signature with InvalidArgument', async () => {
    const { Policy: _policy, ...anonymous } = await presign();
    const { 'X-Amz-Signature': _signature, ...unsigned } = await presign();

    expect(authorizePostUpload(form(anonymous), options())).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 403, code: 'AccessDenied' }),
    });
    expect(authorizePostUpload(form(unsigned), options())).toEqual({
      ok: false,
      error: expect.objectContaining({ status: 400, code: 'InvalidArgument' }),
    });
  });

  it('writes S3 error documents', () => {
    const xml = s3ErrorXml(
      {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
        details: { MaxSizeAllowed: '1024' },
      },
      '/b<&>',
    );

    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code>' +
        '<Message>Your proposed upload exceeds the maximum allowed size</Message>' +
        '<MaxSizeAllowed>1024</MaxSizeAllowed><Resource>/b&#60;&#38;&#62;</Resource></Error>',
    );
  });
});
