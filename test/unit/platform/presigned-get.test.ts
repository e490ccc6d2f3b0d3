import { AWS_ENV, fixedClockAndEnvironment, LOCAL_ENV, LOCAL_PUBLIC_FRONT_ENV } from './presigner-reference';

/**
 * shared/platform/adapters/presigned-get.ts signs download links without an S3 client. Each case
 * here signs the same download both ways at the same instant — that module, and the SDK's
 * getSignedUrl with GetObjectCommand and an S3 client for the same address (./presigner-reference.ts)
 * — and requires the same URL: host, path, every query parameter, the signature.
 */
const NOW = new Date('2026-12-06T03:00:00Z');

interface Case {
  readonly name: string;
  readonly env: Record<string, string | undefined>;
  readonly objectKey: string;
  readonly responseContentType?: string;
  readonly responseContentDisposition?: string;
}

const disposition = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

const CASES: Case[] = [
  {
    name: 'an attachment in AWS (eu-west-1)',
    env: AWS_ENV,
    objectKey: 'conversations/cnv_01JABCDEF/attachments/att_01JABCDEF',
    responseContentType: 'image/png',
    responseContentDisposition: disposition('Photo (1) – été.png'),
  },
  {
    name: 'an export in AWS (us-east-1), no content type',
    env: { ...AWS_ENV, AWS_REGION: 'us-east-1' },
    objectKey: 'exports/verifications/usr_01J/exp_01J.csv',
    responseContentDisposition: 'attachment; filename="verifications.csv"',
  },
  {
    name: 'a key with characters S3 encodes',
    env: AWS_ENV,
    objectKey: "odd/a b+c=d&e'f(g)*!~é/ü.txt",
    responseContentType: 'text/plain',
  },
  {
    name: 'locally, through the emulator’s public front (path-style)',
    env: LOCAL_PUBLIC_FRONT_ENV,
    objectKey: 'conversations/cnv_1/attachments/att_1',
    responseContentType: 'application/pdf',
    responseContentDisposition: disposition('a "quoted" name.pdf'),
  },
  {
    name: 'locally, without a public front',
    env: LOCAL_ENV,
    objectKey: 'exports/accounts/usr_1/exp_1.json',
  },
];

/** Origin, path and the query as sorted pairs: what S3 checks (parameter order is free). */
function parts(url: string) {
  const parsed = new URL(url);
  return {
    origin: parsed.origin,
    path: parsed.pathname,
    query: [...parsed.searchParams].sort(([a], [b]) => a.localeCompare(b)),
  };
}

describe('presignedGet: a download link without an S3 client', () => {
  const { withEnvironment } = fixedClockAndEnvironment(NOW);

  it.each(CASES)('signs $name exactly as getSignedUrl with GetObjectCommand', async (c) => {
    withEnvironment(c.env);
    const { presignedGet } = await import('../../../shared/platform/adapters/presigned-get');
    const { sdkS3Signer } = await import('./presigner-reference');
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const ours = await presignedGet({
      objectKey: c.objectKey,
      expiresInSeconds: 900,
      responseContentType: c.responseContentType,
      responseContentDisposition: c.responseContentDisposition,
    });
    const sdk = await getSignedUrl(
      sdkS3Signer(),
      new GetObjectCommand({
        Bucket: process.env.BUCKET_NAME,
        Key: c.objectKey,
        ResponseContentType: c.responseContentType,
        ResponseContentDisposition: c.responseContentDisposition,
      }),
      { expiresIn: 900 },
    );
    expect(parts(ours)).toEqual(parts(sdk));
    expect(new URL(ours).searchParams.get('X-Amz-Date')).toBe('20261206T030000Z');
  });
});
