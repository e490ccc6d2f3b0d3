import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { AWS_ENV, fixedClockAndEnvironment, LOCAL_ENV, LOCAL_PUBLIC_FRONT_ENV } from './presigner-reference';

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
    env: LOCAL_PUBLIC_FRONT_ENV,
    objectKey: 'conversations/cnv_1/attachments/att_1',
    contentType: 'text/plain',
    size: 2048,
  },
  {
    name: 'locally, without a public front',
    env: LOCAL_ENV,
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
    const conditions = [
      ['content-length-range', 1, c.size],
      ['eq', '$Content-Type', c.contentType],
    ] as const;
    const fields = { 'Content-Type': c.contentType, tagging: TAGGING };
    const ours = await presignedPost({ objectKey: c.objectKey, conditions, fields, expiresInSeconds: 600 });
    const sdk = await createPresignedPost(sdkS3Signer(), {
      Bucket: process.env.BUCKET_NAME as string,
      Key: c.objectKey,
      Conditions: conditions.map((condition) => [...condition]),
      Fields: fields,
      Expires: 600,
    });
    expect(ours).toEqual(sdk);
    expect(Object.keys(ours.fields)).toEqual(Object.keys(sdk.fields));
    expect(ours.fields['X-Amz-Date']).toBe('20261206T050000Z');
  });
});
