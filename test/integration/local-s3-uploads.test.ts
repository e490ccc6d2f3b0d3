import {
  checkUploaded,
  downloadUrl,
  presignUpload,
  type UploadForm,
} from '../../shared/conversations/attachments';

/**
 * Browser uploads against the local runtime's S3 (S3_PUBLIC_ENDPOINT, the policy-enforcing front
 * of s3rver): the presigned POST the platform hands out must behave as on S3, size limit and
 * content type included. Forms are built by the shared code path, for at most 1 KB of text/plain.
 */
const ORIGIN = 'http://localhost:5173';
const MAX_BYTES = 1024;

const uniqueKey = (name: string) =>
  `test/local-s3-uploads/${Date.now()}-${Math.random().toString(36).slice(2)}/${name}`;

/** Posts like a browser form: the policy fields first, the file last. */
async function post(
  upload: UploadForm,
  content: Uint8Array<ArrayBuffer> | string,
  overrides: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...overrides })) form.append(name, value);
  form.append('file', new Blob([content], { type: 'text/plain' }), 'upload.txt');
  return fetch(upload.url, { method: 'POST', body: form, headers: { origin: ORIGIN } });
}

const errorCode = (xml: string) => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

describe('local S3 browser uploads (presigned POST)', () => {
  it('stores an upload within the policy and serves it back through a presigned GET', async () => {
    const key = uniqueKey('ok.txt');
    const upload = await presignUpload(key, 'text/plain', MAX_BYTES);
    const content = 'x'.repeat(500);

    const response = await post(upload, content);

    expect(upload.url.startsWith(process.env.S3_PUBLIC_ENDPOINT ?? '-')).toBe(true);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await checkUploaded(key, MAX_BYTES, 'text/plain')).toBe('ok');
    const download = await fetch(await downloadUrl(key, 'ok.txt', 'text/plain'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/plain');
    expect(await download.text()).toBe(content);
  });

  it('refuses a file over the maximum with 400 EntityTooLarge and stores nothing', async () => {
    const key = uniqueKey('too-large.txt');
    const upload = await presignUpload(key, 'text/plain', MAX_BYTES);

    const response = await post(upload, new Uint8Array(2 * 1024).fill(120));

    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(errorCode(await response.text())).toBe('EntityTooLarge');
    expect(await checkUploaded(key, MAX_BYTES, 'text/plain')).toBe('missing');
  });

  it('answers a much larger file with the error rather than a reset connection', async () => {
    const key = uniqueKey('far-too-large.txt');
    const upload = await presignUpload(key, 'text/plain', MAX_BYTES);

    const response = await post(upload, new Uint8Array(4 * 1024 * 1024).fill(120));

    expect(response.status).toBe(400);
    expect(errorCode(await response.text())).toBe('EntityTooLarge');
    expect(await checkUploaded(key, MAX_BYTES, 'text/plain')).toBe('missing');
  });

  it('refuses a Content-Type other than the policy names with 403 AccessDenied', async () => {
    const key = uniqueKey('wrong-type.txt');
    const upload = await presignUpload(key, 'text/plain', MAX_BYTES);

    const response = await post(upload, 'hello', { 'Content-Type': 'text/html' });

    expect(response.status).toBe(403);
    expect(errorCode(await response.text())).toBe('AccessDenied');
    expect(await checkUploaded(key, MAX_BYTES, 'text/plain')).toBe('missing');
  });

  it('refuses a tampered signature and a key the policy does not name with 403', async () => {
    const key = uniqueKey('tampered.txt');
    const upload = await presignUpload(key, 'text/plain', MAX_BYTES);
    const signature = upload.fields['X-Amz-Signature']!;

    const tampered = await post(upload, 'hello', {
      'X-Amz-Signature': `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    });
    const otherKey = await post(upload, 'hello', { key: `${key}.other` });

    expect(tampered.status).toBe(403);
    expect(errorCode(await tampered.text())).toBe('SignatureDoesNotMatch');
    expect(otherKey.status).toBe(403);
    expect(errorCode(await otherKey.text())).toBe('AccessDenied');
    expect(await checkUploaded(key, MAX_BYTES, 'text/plain')).toBe('missing');
  });

  it('answers the CORS preflight of the upload URL for local origins', async () => {
    const upload = await presignUpload(uniqueKey('preflight.txt'), 'text/plain', MAX_BYTES);

    const allowed = await fetch(upload.url, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    const foreign = await fetch(upload.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });

    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
