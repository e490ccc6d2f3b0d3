import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3, s3Signer } from '../platform/adapters/storage';
import { config } from '../platform/config';

/** Export files in the platform bucket; downloads are short-lived presigned GETs. */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

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
    s3Signer(),
    new GetObjectCommand({
      Bucket: config('storage').BUCKET_NAME,
      Key: objectKey,
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    }),
    { expiresIn: DOWNLOAD_URL_SECONDS },
  );
}
