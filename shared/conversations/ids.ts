import { monotonicFactory } from 'ulid';

/**
 * Message ids: ULIDs from a monotonic factory, so two messages stored by the same process in
 * the same millisecond still sort in the order they were sent (history order is id order).
 */
const monotonicUlid = monotonicFactory();

export const newMessageId = (now: number = Date.now()): string => `msg_${monotonicUlid(now)}`;

/** ULID (Crockford base32) ids with a prefix, as validated at the edge. */
export const idPattern = (prefix: string): RegExp => new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`);

export const MESSAGE_ID = idPattern('msg');
export const CONVERSATION_ID = idPattern('conv');
export const ATTACHMENT_ID = idPattern('att');
