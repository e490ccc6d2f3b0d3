import { tagAttachments } from './attachments';
import type { MessageMedia } from './media';
import { bindableAttachments } from './service/attachment-slots';
import { toMessage } from './views';

/** Chat messages: uploads bound and kept, downloads presigned (S3; see ./media.ts). */
export const withAttachments: MessageMedia = {
  async bind(conversationId, uploaderId, ids) {
    const attachments = await bindableAttachments(conversationId, uploaderId, ids);
    // Kept from now on: the objects are re-tagged before the binding commits, so a bound
    // attachment never meets the lifecycle rule for unbound uploads. (If the message is then not
    // stored, the objects stay: restoring the tag could race a parallel send that binds them.)
    if (attachments.length > 0) {
      await tagAttachments(
        attachments.map((a) => a.objectKey),
        'bound',
      );
    }
    return attachments;
  },
  view: toMessage,
};
