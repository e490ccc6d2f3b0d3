import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { fixedClockAndEnvironment } from './presigner-reference';

/**
 * shared/platform/adapters/presigned-post.ts signs upload forms without an S3 client. Each case
 * here signs the same upload both ways at the same instant — that module, and the SDK's
 * createPresignedPost with an S3 client for the same address (./presigner-reference.ts) — and requires
 * the same url and the same form fields, policy and signature included.
 */
const NOW = new Date('2026-12-06T05:00:00Z');

interface Case {
  readonly name: string;
  readonly env: Record<string, string | undefined>;
  readonly objectKey: string;
  readonly contentType: string;
  readonly size: number;
}

const AWS_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token/with+odd=chars',
  BUCKET_NAME: 'smsproj-stateful-bucket83908e77-abcdef123456',
  S3_ENDPOINT: undefined,
  S3_PUBLIC_ENDPOINT: undefined,
};

const CASES: Case[] = [
  {
    name: 'an attachment in AWS (eu-west-1) with a session token',
    env: AWS_ENV,
    objectKey: 'conversations/cnv_01JABCDEF/attachments/att_01JABCDEF',
    contentType: 'image/png',
    size: 10 * 1024 * 1024,
  },
  {
    name: 'an attachment in AWS (us-east-1) without a session token',
    env: { ...AWS_ENV, AWS_REGION: 'us-east-1', AWS_SESSION_TOKEN: undefined },
    objectKey: 'conversations/cnv_2/attachments/att_2',
    contentType: 'application/pdf; charset="binary"',
    size: 1,
  },
  {
    name: 'locally, through the emulator’s public front (path-style)',
    env: {
      ...AWS_ENV,
      AWS_REGION: 'us-east-1',
      BUCKET_NAME: 'smsproj-local',
      S3_ENDPOINT: 'http://127.0.0.1:4569',
      S3_PUBLIC_ENDPOINT: 'http://localhost:4570',
    },
    objectKey: 'conversations/cnv_1/attachments/att_1',
    contentType: 'text/plain',
    size: 2048,
  },
  {
    name: 'locally, without a public front',
    env: { ...AWS_ENV, BUCKET_NAME: 'smsproj-local', S3_ENDPOINT: 'http://127.0.0.1:4569/' },
    objectKey: 'conversations/cnv_1/attachments/att_3',
    contentType: 'image/jpeg',
    size: 5,
  },
];

const TAGGING = '<Tagging><TagSet><Tag><Key>attachment</Key><Value>pending</Value></Tag></TagSet></Tagging>';

describe('presignedPost: an upload form without an S3 client', () => {
  const { withEnvironment } = fixedClockAndEnvironment(NOW);

  it.each(CASES)('signs $name exactly as createPresignedPost', async (c) => {
    withEnvironment(c.env);
    const { presignedPost } = await import('../../../shared/platform/adapters/presigned-post');
    const { sdkS3Signer } = await import('./presigner-reference');
    const ours = await presignedPost({
      objectKey: c.objectKey,
      conditions: [
        ['content-length-range', 1, c.size],
        ['eq', '$Content-Type', c.contentType],
      ],
      fields: { 'Content-Type': c.contentType, tagging: TAGGING },
      expiresInSeconds: 600,
    });
    const sdk = await createPresignedPost(sdkS3Signer(), {
      Bucket: process.env.BUCKET_NAME as string,
      Key: c.objectKey,
      Conditions: [
        ['content-length-range', 1, c.size],
        ['eq', '$Content-Type', c.contentType],
      ],
      Fields: { 'Content-Type': c.contentType, tagging: TAGGING },
      Expires: 600,
    });
    expect(ours).toEqual(sdk);
    expect(Object.keys(ours.fields)).toEqual(Object.keys(sdk.fields));
    expect(ours.fields['X-Amz-Date']).toBe('20261206T050000Z');
  });
});
