import { S3Client } from '@aws-sdk/client-s3';
import { signingEndpoint } from '../../../shared/platform/adapters/storage';
import { config, EMULATOR_CREDENTIALS } from '../../../shared/platform/config';

/**
 * Runs a suite's cases at one fixed instant, each in its own environment: `withEnvironment`
 * replaces process.env with the saved one plus `env` (undefined deletes) and resets the module
 * registry, so the modules imported next read that environment.
 */
export function fixedClockAndEnvironment(now: Date): {
  withEnvironment(env: Record<string, string | undefined>): void;
} {
  const saved = { ...process.env };
  beforeAll(() => {
    jest.useFakeTimers({
      now,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
    process.env = saved;
  });
  return {
    withEnvironment(env) {
      process.env = { ...saved };
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      jest.resetModules();
    },
  };
}

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
