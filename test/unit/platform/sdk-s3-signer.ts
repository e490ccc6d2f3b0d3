import { S3Client } from '@aws-sdk/client-s3';
import { signingEndpoint } from '../../../shared/platform/adapters/storage';
import { config, EMULATOR_CREDENTIALS } from '../../../shared/platform/config';

/**
 * The reference the client-free presigners (shared/platform/adapters/presigned-*.ts) are proven
 * against: an SDK S3 client configured for the address presigned URLs are signed for, as the
 * SDK's getSignedUrl and createPresignedPost take it. Import it after `jest.resetModules()`, like
 * the module under test, so both read the same environment.
 */
export function sdkS3Signer(): S3Client {
  const endpoint = signingEndpoint();
  return new S3Client({
    region: config('core').AWS_REGION,
    ...(endpoint ? { endpoint, forcePathStyle: true, credentials: EMULATOR_CREDENTIALS } : {}),
  });
}
