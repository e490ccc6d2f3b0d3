import { S3Client } from '@aws-sdk/client-s3';
import { signingEndpoint } from '../../../shared/platform/adapters/storage';
import { config, EMULATOR_CREDENTIALS } from '../../../shared/platform/config';

/** Role credentials as Lambda gives them, and the bucket, in AWS (S3's own endpoint). */
export const AWS_ENV: Record<string, string | undefined> = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token/with+odd=chars',
  BUCKET_NAME: 'smsproj-stateful-bucket83908e77-abcdef123456',
  S3_ENDPOINT: undefined,
  S3_PUBLIC_ENDPOINT: undefined,
};

/** Locally, signed for the emulator's public front (what the browser reaches). */
export const LOCAL_PUBLIC_FRONT_ENV = {
  ...AWS_ENV,
  AWS_REGION: 'us-east-1',
  BUCKET_NAME: 'smsproj-local',
  S3_ENDPOINT: 'http://127.0.0.1:4569',
  S3_PUBLIC_ENDPOINT: 'http://localhost:4570',
};

/** Locally, without a public front: signed for the emulator itself. */
export const LOCAL_ENV = { ...AWS_ENV, BUCKET_NAME: 'smsproj-local', S3_ENDPOINT: 'http://127.0.0.1:4569/' };

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
