import { downloadUrl } from './attachments';
import type { MembershipItem } from './entities/membership';
import type { MESSAGE_STATUSES, MessageItem } from './entities/message';
import type { Mention } from './mentions';

/** Public shapes of the conversations context (../shared/API.md), built from stored items. */

export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type ConversationType = 'chat' | 'sms';

export interface Participant {
  readonly userId?: string;
  readonly username?: string;
  readonly phoneNumber?: string;
}

export interface MessagePreview {
  readonly id: string;
  readonly body: string;
  readonly sender: Participant;
  readonly createdAt: string;
  readonly attachmentCount?: number;
}

export interface Conversation {
  readonly id: string;
  readonly title: string | null;
  readonly type: ConversationType;
  readonly fromNumber?: string;
  readonly participants: Participant[];
  readonly lastMessage?: MessagePreview;
  /** Time of the last message; the creation time while there is none. */
  readonly lastMessageAt: string;
  readonly unreadCount: number;
  readonly archived: boolean;
  readonly createdAt: string;
}

export interface AttachmentView {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly downloadUrl: string;
}

export interface Message {
  readonly id: string;
  readonly conversationId: string;
  readonly sender: Participant;
  readonly body: string;
  readonly mentions: Mention[];
  readonly attachments: AttachmentView[];
  readonly status: MessageStatus;
  readonly createdAt: string;
  readonly clientMessageId?: string;
  readonly segments?: number;
  readonly encoding?: 'GSM-7' | 'UCS-2';
  readonly priceCents?: number;
  readonly errorCode?: string;
  readonly keyword?: string;
}

/** Preview length in conversation lists. */
export const PREVIEW_CHARS = 200;

/** Drops absent keys so stored maps come back as the minimal participant object. */
export function cleanParticipant(p: {
  userId?: string;
  username?: string;
  phoneNumber?: string;
}): Participant {
  return {
    ...(p.userId ? { userId: p.userId } : {}),
    ...(p.username ? { username: p.username } : {}),
    ...(p.phoneNumber ? { phoneNumber: p.phoneNumber } : {}),
  };
}

export function toConversation(m: MembershipItem): Conversation {
  const last = m.lastMessage;
  return {
    id: m.conversationId,
    title: m.title ?? null,
    type: m.type,
    ...(m.fromNumber ? { fromNumber: m.fromNumber } : {}),
    participants: m.participants.map(cleanParticipant),
    ...(last
      ? {
          lastMessage: {
            id: last.id,
            body: last.body,
            sender: cleanParticipant(last.sender ?? {}),
            createdAt: last.createdAt,
            ...(last.attachmentCount ? { attachmentCount: last.attachmentCount } : {}),
          },
        }
      : {}),
    lastMessageAt: m.lastActivityAt,
    unreadCount: Math.max(0, m.unreadCount),
    archived: m.folder === 'archived',
    createdAt: m.createdAt,
  };
}

/** An attachment as a reference (the data export): what a download would fetch, without a URL. */
export type AttachmentRef = Omit<AttachmentView, 'downloadUrl'>;

export const attachmentRefs = (item: MessageItem): AttachmentRef[] =>
  (item.attachments ?? []).map((a) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
  }));

/** A message with the given attachment shapes (presigned views for the API, references for the export). */
export function toMessageWith<A extends AttachmentRef>(
  item: MessageItem,
  attachments: A[],
): Omit<Message, 'attachments'> & { attachments: A[] } {
  return {
    id: item.messageId,
    conversationId: item.conversationId,
    sender: cleanParticipant(item.sender),
    body: item.body,
    mentions: (item.mentions ?? []).map((m) => ({ userId: m.userId, username: m.username })),
    attachments,
    status: item.status,
    createdAt: item.createdAt,
    ...(item.clientMessageId ? { clientMessageId: item.clientMessageId } : {}),
    ...(item.segments !== undefined ? { segments: item.segments } : {}),
    ...(item.encoding ? { encoding: item.encoding } : {}),
    ...(item.priceCents !== undefined ? { priceCents: item.priceCents } : {}),
    ...(item.errorCode ? { errorCode: item.errorCode } : {}),
    ...(item.keyword ? { keyword: item.keyword } : {}),
  };
}

export async function toMessage(item: MessageItem): Promise<Message> {
  const attachments = await Promise.all(
    (item.attachments ?? []).map(async (a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      downloadUrl: await downloadUrl(a.objectKey, a.fileName, a.contentType),
    })),
  );
  return toMessageWith(item, attachments);
}
