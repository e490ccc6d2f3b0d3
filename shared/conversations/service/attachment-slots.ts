import { ttlIn } from '../../platform/db/schema';
import { db } from '../../platform/db/service';
import { AppError, conflict, notFound } from '../../platform/http/errors';
import { newId } from '../../platform/ids';
import {
  assertAcceptable,
  checkUploaded,
  normalizeContentType,
  objectKeyOf,
  presignUpload,
  type UploadForm,
} from '../attachments';
import type { AttachmentItem } from '../entities/attachment';
import { requireParticipant } from './participation';

/** Attachment slots: reserved with a presigned upload, then bound by the message that sends them. */

/** Pending attachment slots are kept this long for the uploader to send them. */
const PENDING_ATTACHMENT_SECONDS = 24 * 3600;

export const attachmentInUse = (id: string) =>
  conflict('attachment_in_use', 'Attachment already sent', `Attachment ${id} is already part of a message.`);
const attachmentNotUploaded = (id: string) =>
  new AppError(400, 'attachment_not_uploaded', 'Attachment not uploaded', {
    detail: `Upload the file for ${id} with the presigned form before sending it.`,
  });
const attachmentInvalid = (id: string) =>
  new AppError(400, 'attachment_invalid', 'Attachment does not match', {
    detail: `The file uploaded for ${id} does not match the declared size or content type.`,
  });

/**
 * POST /v1/conversations/{id}/attachments: reserves an attachment slot and returns the
 * presigned POST for it. Size (413) and type (415) are checked here and again by S3's policy.
 */
export async function createAttachment(
  userId: string,
  conversationId: string,
  input: { fileName: string; contentType: string; size: number },
): Promise<{ attachmentId: string; upload: UploadForm }> {
  await requireParticipant(userId, conversationId);
  const contentType = normalizeContentType(input.contentType);
  assertAcceptable(contentType, input.size);
  const attachmentId = newId('att');
  const objectKey = objectKeyOf(conversationId, attachmentId);
  await db()
    .entities.attachment.create({
      conversationId,
      attachmentId,
      ownerUserId: userId,
      fileName: input.fileName,
      contentType,
      size: input.size,
      objectKey,
      state: 'pending',
      createdAt: new Date().toISOString(),
      ttl: ttlIn(PENDING_ATTACHMENT_SECONDS),
    })
    .go();
  return { attachmentId, upload: await presignUpload(objectKey, contentType, input.size) };
}

/** The attachments a message may bind: the sender's own, pending, uploaded slots of this conversation. */
export async function bindableAttachments(
  conversationId: string,
  senderUserId: string | undefined,
  ids: readonly string[],
): Promise<AttachmentItem[]> {
  if (ids.length === 0) return [];
  const { data, unprocessed } = await db()
    .entities.attachment.get(ids.map((attachmentId) => ({ conversationId, attachmentId })))
    .go({ consistent: true });
  if (unprocessed.length > 0) throw new Error('Attachment lookup left keys unprocessed');
  const byId = new Map(data.map((a) => [a.attachmentId, a]));
  const items = ids.map((id) => {
    const item = byId.get(id);
    // Someone else's upload is indistinguishable from a missing one.
    if (!item || !senderUserId || item.ownerUserId !== senderUserId) {
      throw notFound(`No attachment ${id} of yours in this conversation.`);
    }
    if (item.state !== 'pending') throw attachmentInUse(id);
    return item;
  });
  const checks = await Promise.all(items.map((a) => checkUploaded(a.objectKey, a.size, a.contentType)));
  checks.forEach((check, i) => {
    const id = items[i]!.attachmentId;
    if (check === 'missing') throw attachmentNotUploaded(id);
    if (check === 'mismatch') throw attachmentInvalid(id);
  });
  return items;
}
