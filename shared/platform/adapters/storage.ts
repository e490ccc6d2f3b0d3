import { S3Client } from '@aws-sdk/client-s3';
import { config } from '../config';

/**
 * S3 clients for the platform bucket (`config('storage')`). Locally the S3 emulator needs
 * path-style addressing and an endpoint. Presigned URLs must be signed for the address the
 * browser uses (a signature is only valid for the host it names): in AWS that is S3 itself,
 * locally the emulator's public front (S3_PUBLIC_ENDPOINT).
 */
let internalClient: S3Client | undefined;
let publicClient: S3Client | undefined;

function makeClient(endpoint: string | undefined): S3Client {
  return new S3Client({
    region: config('core').AWS_REGION,
    ...(endpoint
      ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}

/** The client the platform itself talks to S3 with. */
export function s3(): S3Client {
  internalClient ??= makeClient(config('storage').S3_ENDPOINT);
  return internalClient;
}

/** The client presigned URLs (POST uploads, GET downloads) are signed with. */
export function s3Signer(): S3Client {
  const { S3_ENDPOINT, S3_PUBLIC_ENDPOINT } = config('storage');
  publicClient ??=
    S3_PUBLIC_ENDPOINT && S3_PUBLIC_ENDPOINT !== S3_ENDPOINT ? makeClient(S3_PUBLIC_ENDPOINT) : s3();
  return publicClient;
}
