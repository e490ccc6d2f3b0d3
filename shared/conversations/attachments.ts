import { HeadObjectCommand, NotFound, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { presignedGet } from '../platform/adapters/presigned-get';
import { presignedPost } from '../platform/adapters/presigned-post';
import { s3 } from '../platform/adapters/storage';
import { config } from '../platform/config';
import { TooLarge, UnsupportedMedia } from '../platform/errors';
import { ATTACHMENT_TAG, PENDING_TAGGING_XML } from './attachment-tags';

/**
 * Attachment storage on S3 (s3rver locally). Browsers upload straight to the bucket with a
 * presigned POST whose policy pins the exact size range and content type, and download with
 * short-lived presigned GETs; the API never proxies file bytes.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const ALLOWED_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
]);
/** Upload window of a presigned POST. */
export const UPLOAD_EXPIRES_SECONDS = 15 * 60;
/** Lifetime of a download URL handed out with a message. */
export const DOWNLOAD_EXPIRES_SECONDS = 60 * 60;

/** Lower-case media type without parameters (`Text/Plain; charset=utf-8` → `text/plain`). */
export const normalizeContentType = (value: string): string => value.split(';')[0]!.trim().toLowerCase();

/** 413 / 415 for a declared upload the platform does not take. */
export function assertAcceptable(contentType: string, size: number): void {
  if (size > MAX_ATTACHMENT_BYTES) {
    throw new TooLarge('file_too_large', 'File too large', {
      detail: `Attachments are limited to ${MAX_ATTACHMENT_BYTES} bytes (10 MB).`,
      extensions: { maxBytes: MAX_ATTACHMENT_BYTES },
    });
  }
  if (!ALLOWED_CONTENT_TYPES.has(contentType)) {
    throw new UnsupportedMedia('unsupported_type', 'Unsupported file type', {
      detail: 'Allowed types: PNG, JPEG, GIF and WebP images, PDF, plain text and CSV.',
      extensions: { allowed: [...ALLOWED_CONTENT_TYPES] },
    });
  }
}

/** Object key of an attachment: under its conversation, named by its id (the file name is metadata). */
export const objectKeyOf = (conversationId: string, attachmentId: string): string =>
  `conversations/${conversationId}/attachments/${attachmentId}`;

export interface UploadForm {
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
}

/**
 * A presigned POST that S3 accepts only for exactly this key, 1..size bytes and this content type.
 * The object is tagged `attachment=pending` (the policy pins the tag set too), so the bucket's
 * lifecycle rule deletes it unless a message binds it (`markBound`).
 */
export async function presignUpload(
  objectKey: string,
  contentType: string,
  size: number,
): Promise<UploadForm> {
  const expiresAt = new Date(Date.now() + UPLOAD_EXPIRES_SECONDS * 1000).toISOString();
  const { url, fields } = await presignedPost({
    objectKey,
    conditions: [
      ['content-length-range', 1, size],
      ['eq', '$Content-Type', contentType],
    ],
    fields: { 'Content-Type': contentType, tagging: PENDING_TAGGING_XML },
    expiresInSeconds: UPLOAD_EXPIRES_SECONDS,
  });
  return { url, fields, expiresAt };
}

/** Re-tags bound attachments' objects so that the lifecycle rule for unbound uploads keeps them. */
export async function tagAttachments(
  objectKeys: readonly string[],
  state: 'pending' | 'bound',
): Promise<void> {
  await Promise.all(
    objectKeys.map((Key) =>
      s3().send(
        new PutObjectTaggingCommand({
          Bucket: config('storage').BUCKET_NAME,
          Key,
          Tagging: { TagSet: [{ Key: ATTACHMENT_TAG.key, Value: ATTACHMENT_TAG[state] }] },
        }),
      ),
    ),
  );
}

export type UploadCheck = 'ok' | 'missing' | 'mismatch';

/**
 * Defence in depth behind the POST policy: before an attachment is bound to a message, the
 * object must exist with at most the declared size and the declared type. (Storage emulators
 * do not all enforce POST policies; S3 does.)
 */
export async function checkUploaded(
  objectKey: string,
  size: number,
  contentType: string,
): Promise<UploadCheck> {
  try {
    const head = await s3().send(
      new HeadObjectCommand({ Bucket: config('storage').BUCKET_NAME, Key: objectKey }),
    );
    const actualSize = head.ContentLength ?? 0;
    const actualType = head.ContentType ? normalizeContentType(head.ContentType) : contentType;
    return actualSize >= 1 && actualSize <= size && actualType === contentType ? 'ok' : 'mismatch';
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (error instanceof NotFound || status === 404 || status === 403) return 'missing';
    throw error;
  }
}

/** A time-limited download link that saves the file under its original name. */
export function downloadUrl(objectKey: string, fileName: string, contentType: string): Promise<string> {
  const safeName = fileName.replace(/["\\\r\n]/g, '_');
  return presignedGet({
    objectKey,
    expiresInSeconds: DOWNLOAD_EXPIRES_SECONDS,
    responseContentType: contentType,
    responseContentDisposition: `attachment; filename="${safeName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}
