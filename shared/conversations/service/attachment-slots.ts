import { decodeTime } from 'ulid';
import { ttlIn } from '../../platform/db/schema';
import { db } from '../db';
import { conflicted } from '../../platform/db/transactions';
import { Conflict, InvalidInput, NotFound, RateLimited } from '../../platform/errors';
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
import { backoff, requireParticipant, TRANSACTION_ATTEMPTS } from './participation';

/** Attachment slots: reserved with a presigned upload, then bound by the message that sends them. */

/** Pending attachment slots are kept this long for the uploader to send them. */
const PENDING_ATTACHMENT_SECONDS = 24 * 3600;

export const attachmentInUse = (id: string) =>
  new Conflict('attachment_in_use', 'Attachment already sent', {
    detail: `Attachment ${id} is already part of a message.`,
  });
const attachmentNotUploaded = (id: string) =>
  new InvalidInput('attachment_not_uploaded', 'Attachment not uploaded', {
    detail: `Upload the file for ${id} with the presigned form before sending it.`,
  });
const attachmentInvalid = (id: string) =>
  new InvalidInput('attachment_invalid', 'Attachment does not match', {
    detail: `The file uploaded for ${id} does not match the declared size or content type.`,
  });

/** Pending (unbound) upload slots a user may hold at once (../shared/API.md, v1.1 security). */
export const MAX_PENDING_UPLOADS = 20;

const tooManyPendingUploads = (retryAfterSeconds: number) =>
  new RateLimited('too_many_pending_uploads', 'Too many pending uploads', {
    detail: `At most ${MAX_PENDING_UPLOADS} attachments may wait to be sent; send or let some expire first.`,
    extensions: { limit: MAX_PENDING_UPLOADS, retryAfter: retryAfterSeconds },
    retryAfterSeconds,
  });

/** When a pending slot lapses (its id is a ULID of its creation time). */
const slotExpiresAt = (attachmentId: string): number =>
  decodeTime(attachmentId.slice(attachmentId.indexOf('_') + 1)) + PENDING_ATTACHMENT_SECONDS * 1000;

/**
 * The user's pending slots, less the lapsed ones, which are dropped from the set (an
 * idempotent DELETE of those ids, safe next to parallel reservations and sends).
 */
async function livePendingSlots(userId: string, now: number): Promise<string[]> {
  const { data } = await db().entities.pendingUploads.get({ userId }).go({ consistent: true });
  const ids = data?.attachmentIds ?? [];
  const lapsed = ids.filter((id) => slotExpiresAt(id) <= now);
  if (lapsed.length > 0) {
    await db().entities.pendingUploads.update({ userId }).delete({ attachmentIds: lapsed }).go();
  }
  return ids.filter((id) => slotExpiresAt(id) > now);
}

/**
 * POST /v1/conversations/{id}/attachments: reserves an attachment slot and returns the
 * presigned POST for it. Size (413) and type (415) are checked here and again by S3's policy.
 * At most MAX_PENDING_UPLOADS slots wait unbound per user (429 too_many_pending_uploads): the
 * slot joins the user's pending set in its own transaction, conditional on the set's size.
 */
export async function createAttachment(
  userId: string,
  conversationId: string,
  input: { fileName: string; contentType: string; size: number },
): Promise<{ attachmentId: string; upload: UploadForm }> {
  await requireParticipant(userId, conversationId);
  const contentType = normalizeContentType(input.contentType);
  assertAcceptable(contentType, input.size);
  const now = Date.now();
  const pending = await livePendingSlots(userId, now);
  const attachmentId = newId('att');
  const objectKey = objectKeyOf(conversationId, attachmentId);
  for (let attempt = 0; ; attempt++) {
    const result = await db()
      .transaction.write(({ attachment, pendingUploads }) => [
        pendingUploads
          .update({ userId })
          .add({ attachmentIds: [attachmentId] })
          .where(
            (attr, op) =>
              `${op.notExists(attr.attachmentIds)} OR ${op.size(attr.attachmentIds)} < ${op.value(attr.attachmentIds, MAX_PENDING_UPLOADS as never)}`,
          )
          .commit(),
        attachment
          .create({
            conversationId,
            attachmentId,
            ownerUserId: userId,
            fileName: input.fileName,
            contentType,
            size: input.size,
            objectKey,
            state: 'pending',
            createdAt: new Date(now).toISOString(),
            ttl: ttlIn(PENDING_ATTACHMENT_SECONDS),
          })
          .commit(),
      ])
      .go();
    if (!result.canceled) break;
    if (result.data[0]?.code === 'ConditionalCheckFailed') {
      const oldest = Math.min(...pending.map(slotExpiresAt), now + PENDING_ATTACHMENT_SECONDS * 1000);
      throw tooManyPendingUploads(Math.max(1, Math.ceil((oldest - now) / 1000)));
    }
    if (!conflicted(result) || attempt + 1 >= TRANSACTION_ATTEMPTS * 2) {
      throw new Error('Attachment transaction kept being cancelled');
    }
    await backoff(attempt);
  }
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
      throw new NotFound(`No attachment ${id} of yours in this conversation.`);
    }
    if (item.state !== 'pending') throw attachmentInUse(id);
    // A lapsed slot (its record awaits TTL deletion) may have lost its object to the lifecycle
    // rule for unbound uploads: it is as good as never uploaded.
    if (slotExpiresAt(id) <= Date.now()) throw attachmentNotUploaded(id);
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
