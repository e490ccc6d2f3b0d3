import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from '../config';

/**
 * Export files in the platform bucket (`config('storage')`). Locally the S3 emulator needs
 * path-style addressing and an endpoint; presigned URLs are signed for the address a browser
 * reaches it at (S3_PUBLIC_ENDPOINT), since a signature is only valid for the host it names.
 */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

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

function s3(): S3Client {
  internalClient ??= makeClient(config('storage').S3_ENDPOINT);
  return internalClient;
}

function signer(): S3Client {
  const { S3_ENDPOINT, S3_PUBLIC_ENDPOINT } = config('storage');
  publicClient ??=
    S3_PUBLIC_ENDPOINT && S3_PUBLIC_ENDPOINT !== S3_ENDPOINT ? makeClient(S3_PUBLIC_ENDPOINT) : s3();
  return publicClient;
}

export const exportObjectKey = (userId: string, exportId: string, extension: string): string =>
  `exports/verifications/${userId}/${exportId}.${extension}`;

export async function putExportFile(
  objectKey: string,
  body: string,
  contentType: string,
  fileName: string,
): Promise<void> {
  await s3().send(
    new PutObjectCommand({
      Bucket: config('storage').BUCKET_NAME,
      Key: objectKey,
      Body: body,
      ContentType: contentType,
      ContentDisposition: `attachment; filename="${fileName}"`,
    }),
  );
}

/** A short-lived presigned GET that downloads the file as an attachment. */
export function exportDownloadUrl(objectKey: string, fileName: string): Promise<string> {
  return getSignedUrl(
    signer(),
    new GetObjectCommand({
      Bucket: config('storage').BUCKET_NAME,
      Key: objectKey,
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
}
