import type { AttachmentItem } from './entities/attachment';
import type { MessageItem } from './entities/message';
import { type Message, toMessageWith } from './views';

/**
 * What a message path does with attachments: binds the uploads a message sends (checked and kept
 * before the message commits) and presents stored messages as the API shows them. Chat messages
 * carry attachments (`withAttachments`, ./attachment-media.ts: S3 checks, re-tagging and presigned
 * downloads); SMS messages never do (`textOnly`), so the SMS paths — POST /v1/sms, inbound SMS,
 * the SMS branch of a conversation — run without an S3 client in their bundles.
 */
export interface MessageMedia {
  bind(
    conversationId: string,
    uploaderId: string | undefined,
    ids: readonly string[],
  ): Promise<AttachmentItem[]>;
  view(item: MessageItem): Promise<Message>;
}

/** How a message path presents a stored message. */
export type MessageView = MessageMedia['view'];

export const textOnly: MessageMedia = {
  async bind(_conversationId, _uploaderId, ids) {
    if (ids.length > 0) throw new Error('This message path carries no attachments');
    return [];
  },
  async view(item) {
    // Never the case for a message stored by a text-only path; the outbox consumer, which
    // presents any message, would then redo the pushes (../platform/outbox/router.ts).
    if ((item.attachments ?? []).length > 0) throw new Error(`Message ${item.messageId} has attachments`);
    return toMessageWith(item, []);
  },
};
