import { formatUrl } from '@aws-sdk/core/util';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { toHex } from '@smithy/core/serde';
import { createScope, getSigningKey } from '@smithy/signature-v4';
import { config, EMULATOR_CREDENTIALS } from '../config';
import { bucketUrl, signingEndpoint } from './storage';

/**
 * Presigned POST uploads to the platform bucket without an S3 client: the POST policy and its
 * signature as `createPresignedPost` (@aws-sdk/s3-presigned-post) computes them, minus the client
 * it only reads region, credentials and the endpoint from (and with it S3's endpoint rules): the
 * upload-slot route then carries no S3 client (~240 KB and ~20 ms of its cold start, interleaved
 * A/B). Signed for the address the browser uses (./storage.ts): S3's virtual-hosted endpoint in
 * AWS, the emulator's public front, path-style, locally. test/unit/platform/presigned-post.test.ts
 * proves url and fields equal to createPresignedPost's with an S3 client.
 */

export type PostCondition = readonly [string, string | number, string | number];

export interface PresignedPostInput {
  readonly objectKey: string;
  /** Policy conditions beyond the fields' own (e.g. `['content-length-range', 1, size]`). */
  readonly conditions: readonly PostCondition[];
  /** Form fields the browser must send as given (each becomes an exact-match condition). */
  readonly fields: Readonly<Record<string, string>>;
  readonly expiresInSeconds: number;
}

export interface PresignedPost {
  readonly url: string;
  readonly fields: Record<string, string>;
}

/** ISO-8601 without milliseconds, as SigV4 and POST policies write times. */
const iso8601 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function presignedPost(input: PresignedPostInput): Promise<PresignedPost> {
  const { AWS_REGION: region } = config('core');
  const { BUCKET_NAME: bucket } = config('storage');
  const emulator = signingEndpoint();
  const credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = emulator
    ? EMULATOR_CREDENTIALS
    : await fromEnv()();
  const now = new Date();
  const signingDate = iso8601(now).replace(/[-:]/g, '');
  const shortDate = signingDate.slice(0, 8);
  const fields: Record<string, string> = {
    ...input.fields,
    bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${createScope(shortDate, region, 's3')}`,
    'X-Amz-Date': signingDate,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  const conditions = [
    ...input.conditions,
    ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
    { key: input.objectKey },
  ];
  const policy = Buffer.from(
    JSON.stringify({
      expiration: iso8601(new Date(now.getTime() + input.expiresInSeconds * 1000)),
      conditions,
    }),
  ).toString('base64');
  const hash = new Sha256(await getSigningKey(Sha256, credentials, shortDate, region, 's3'));
  hash.update(Buffer.from(policy));
  const url = bucketUrl();
  return {
    url: formatUrl({
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
    }),
    fields: {
      ...fields,
      key: input.objectKey,
      Policy: policy,
      'X-Amz-Signature': toHex(await hash.digest()),
    },
  };
}
