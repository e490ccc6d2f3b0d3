import type { Profile } from '../api/account';
import type { Conversation, Message, MessageStatus, Participant } from '../api/conversations';

const RANK: Record<MessageStatus, number> = {
  failed: -1,
  sending: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  read: 4,
};

/** Statuses only move forward (a late "sent" never overwrites "read"); "failed" always wins. */
export function laterStatus(a: MessageStatus, b: MessageStatus): MessageStatus {
  if (a === 'failed' || b === 'failed') return 'failed';
  return RANK[b] > RANK[a] ? b : a;
}

/** A `message.status` event's change: the new status, and the carrier's error when it ends undelivered or failed. */
export interface StatusChange {
  readonly status: MessageStatus;
  readonly errorCode?: string;
}

/** Two changes of one message as one (they may arrive before the message itself is loaded). */
export function combineStatusChanges(earlier: StatusChange | undefined, later: StatusChange): StatusChange {
  if (!earlier) return later;
  const errorCode = later.errorCode ?? earlier.errorCode;
  return { status: laterStatus(earlier.status, later.status), ...(errorCode ? { errorCode } : {}) };
}

/** A message with a status change applied: the status only moves forward, the carrier's error comes with it. */
export function withStatusChange(message: Message, change: StatusChange): Message {
  return {
    ...message,
    status: laterStatus(message.status, change.status),
    ...(change.errorCode ? { errorCode: change.errorCode } : {}),
  };
}

export const STATUS_LABEL: Record<MessageStatus, string> = {
  sending: 'Sending…',
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Failed',
  undelivered: 'Not delivered',
};

/** A small glyph per status (the label is the accessible name). */
export const STATUS_ICON: Record<MessageStatus, string> = {
  sending: '…',
  queued: '◷',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '⚠',
  undelivered: '⚠',
};

export function participantName(p: Participant): string {
  return p.username ?? p.phoneNumber ?? 'unknown';
}

/** Title, or the other participants' names. */
export function conversationName(conversation: Conversation, me: Profile | null): string {
  if (conversation.title) return conversation.title;
  const others = conversation.participants.filter((p) => !me || p.userId !== me.userId);
  const names = (others.length > 0 ? others : conversation.participants).map(participantName);
  return names.join(', ') || 'Conversation';
}

export const isMine = (message: Message, me: Profile | null): boolean =>
  me !== null && message.sender.userId === me.userId;

/** Inserts or updates by id (and replaces an optimistic draft carrying the same clientMessageId), keeping time order. */
export function upsertMessage(list: readonly Message[], incoming: Message): Message[] {
  const next = list.filter(
    (m) =>
      m.id !== incoming.id &&
      !(incoming.clientMessageId && m.clientMessageId === incoming.clientMessageId && m.status === 'sending'),
  );
  const previous = list.find((m) => m.id === incoming.id);
  const merged = previous ? { ...incoming, status: laterStatus(previous.status, incoming.status) } : incoming;
  next.push(merged);
  next.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return next;
}

export const ALLOWED_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
] as const;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The API's attachment rules, checked before anything is uploaded. */
export function attachmentProblem(file: File): string | null {
  if (file.size > MAX_ATTACHMENT_BYTES) return `${file.name} is larger than 10 MB.`;
  if (!(ALLOWED_ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
    return `${file.name}: only images (PNG, JPEG, GIF, WebP), PDF, plain text and CSV files can be sent.`;
  }
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

/** Splits text into plain and @mention parts; only names listed in `mentions` are marked. */
export function mentionParts(
  body: string,
  mentions: readonly { readonly username: string }[],
): Array<{ text: string; mention: boolean }> {
  const known = new Set(mentions.map((m) => m.username.toLowerCase()));
  const parts: Array<{ text: string; mention: boolean }> = [];
  let last = 0;
  for (const match of body.matchAll(/(^|[^\w@])@([a-z0-9_]{3,30})\b/gi)) {
    const name = match[2] ?? '';
    if (!known.has(name.toLowerCase())) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    if (start > last) parts.push({ text: body.slice(last, start), mention: false });
    parts.push({ text: `@${name}`, mention: true });
    last = start + name.length + 1;
  }
  if (last < body.length) parts.push({ text: body.slice(last), mention: false });
  return parts;
}

/** The `@prefix` being typed right before the caret, if any. */
export function mentionQuery(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([a-z0-9_]{0,30})$/i.exec(before);
  if (!match) return null;
  return { query: match[2] ?? '', start: caret - (match[2]?.length ?? 0) - 1 };
}
