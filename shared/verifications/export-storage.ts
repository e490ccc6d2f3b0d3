import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { presignedGet } from '../platform/adapters/presigned-get';
import { s3 } from '../platform/adapters/storage';
import { config } from '../platform/config';

/** Export files in the platform bucket; downloads are short-lived presigned GETs. */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

export const exportObjectKey = (userId: string, exportId: string, extension: string): string =>
  `exports/verifications/${userId}/${exportId}.${extension}`;

export const accountExportObjectKey = (userId: string, exportId: string): string =>
  `exports/accounts/${userId}/${exportId}.json`;

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
  return presignedGet({
    objectKey,
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
    responseContentDisposition: `attachment; filename="${fileName}"`,
  });
}

/** S3's smallest part (but the last): the writer's buffer never holds much more than this. */
export const PART_BYTES = 5 * 1024 * 1024;

export interface ExportFileWriter {
  write(chunk: string): Promise<void>;
  /** Completes the upload; the object exists only from here. */
  finish(): Promise<void>;
  /** Drops the parts uploaded so far (the object never appears). */
  abort(): Promise<void>;
}

/**
 * A file written in pieces of bounded size: a multipart upload whose parts go out whenever
 * PART_BYTES are buffered, so a document of any length is written in constant memory.
 */
export async function openExportFile(
  objectKey: string,
  contentType: string,
  fileName: string,
): Promise<ExportFileWriter> {
  const Bucket = config('storage').BUCKET_NAME;
  const { UploadId } = await s3().send(
    new CreateMultipartUploadCommand({
      Bucket,
      Key: objectKey,
      ContentType: contentType,
      ContentDisposition: `attachment; filename="${fileName}"`,
    }),
  );
  if (!UploadId) throw new Error('S3 CreateMultipartUpload returned no UploadId');
  const parts: { ETag: string; PartNumber: number }[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    const PartNumber = parts.length + 1;
    const body = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    const { ETag } = await s3().send(
      new UploadPartCommand({ Bucket, Key: objectKey, UploadId, PartNumber, Body: body }),
    );
    parts.push({ ETag: ETag ?? '', PartNumber });
  };
  return {
    async write(chunk) {
      const bytes = Buffer.from(chunk, 'utf8');
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= PART_BYTES) await flush();
    },
    async finish() {
      if (pendingBytes > 0 || parts.length === 0) await flush();
      await s3().send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: objectKey,
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
    },
    async abort() {
      await s3().send(new AbortMultipartUploadCommand({ Bucket, Key: objectKey, UploadId }));
    },
  };
}
