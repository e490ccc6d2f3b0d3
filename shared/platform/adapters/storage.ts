import { S3Client } from '@aws-sdk/client-s3';
import { config, EMULATOR_CREDENTIALS } from '../config';

/**
 * The S3 client for the platform bucket (`config('storage')`). Locally the S3 emulator needs
 * path-style addressing and an endpoint. Presigned URLs (./presigned-get.ts, ./presigned-post.ts,
 * which need no client) must be signed for the address the browser uses (a signature is only
 * valid for the host it names): in AWS that is S3 itself, locally the emulator's public front
 * (S3_PUBLIC_ENDPOINT).
 */
let internalClient: S3Client | undefined;

function makeClient(endpoint: string | undefined): S3Client {
  return new S3Client({
    region: config('core').AWS_REGION,
    ...(endpoint ? { endpoint, forcePathStyle: true, credentials: EMULATOR_CREDENTIALS } : {}),
  });
}

/** The client the platform itself talks to S3 with. */
export function s3(): S3Client {
  internalClient ??= makeClient(config('storage').S3_ENDPOINT);
  return internalClient;
}

/** The address presigned URLs are signed for: undefined in AWS (S3 itself), the emulator's public front (or the emulator) locally. */
export function signingEndpoint(): string | undefined {
  const { S3_ENDPOINT, S3_PUBLIC_ENDPOINT } = config('storage');
  return S3_PUBLIC_ENDPOINT ?? S3_ENDPOINT;
}

/**
 * The bucket's address as presigned requests name it, with `path` (already URI-encoded) appended:
 * S3's virtual-hosted endpoint in AWS, path-style on the emulator (signingEndpoint) locally.
 */
export function bucketUrl(path = ''): URL {
  const { BUCKET_NAME } = config('storage');
  const emulator = signingEndpoint();
  return emulator
    ? new URL(`${emulator.replace(/\/$/, '')}/${BUCKET_NAME}${path}`)
    : new URL(`https://${BUCKET_NAME}.s3.${config('core').AWS_REGION}.amazonaws.com${path}`);
}
