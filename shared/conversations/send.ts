import { ValidationFailed } from '../platform/errors';
import { authorizeSmsSend } from '../sms/send';
import type { Scope } from '../platform/http/route';
import type { ConversationItem } from './entities/conversation';
import { type StoredMessage, sendChatMessage, storeMessageOnce } from './service/messages';
import { requireParticipant } from './service/participation';

export interface PostMessageInput {
  readonly body: string;
  readonly clientMessageId?: string;
  readonly attachments?: readonly string[];
}

/**
 * POST /v1/conversations/{id}/messages. In a chat the message is stored and pushed; in an SMS
 * conversation it also goes out as an SMS through the SMS context's own checks
 * (`authorizeSmsSend`: `sms:send` for API keys, owned number, destination, opt-out, per-recipient rate, segment quota,
 * funds) and outbox, exactly as POST /v1/sms. Kept apart from ./service.ts because the SMS
 * context itself builds on that module.
 */
export interface MessageCaller {
  readonly userId: string;
  /** Set for API key callers, whose `scopes` then decide (an SMS conversation needs `sms:send`). */
  readonly keyId?: string;
  readonly scopes?: readonly Scope[];
}

export async function postMessage(
  caller: MessageCaller,
  conversationId: string,
  input: PostMessageInput,
): Promise<StoredMessage> {
  const conv = await requireParticipant(caller.userId, conversationId);
  return conv.type === 'sms'
    ? sendSmsMessage(caller, conv, input)
    : sendChatMessage(caller.userId, conv, input);
}

async function sendSmsMessage(
  caller: MessageCaller,
  conv: ConversationItem,
  input: PostMessageInput,
): Promise<StoredMessage> {
  if (input.attachments && input.attachments.length > 0) {
    throw new ValidationFailed([
      { path: 'body.attachments', message: 'SMS conversations do not carry attachments.' },
    ]);
  }
  const from = conv.fromNumber;
  const peer = conv.participants.find((p) => p.phoneNumber)?.phoneNumber;
  if (!from || !peer) throw new Error(`SMS conversation ${conv.conversationId} lacks its numbers`);
  const { userId } = caller;
  const to = peer;
  const grant = await authorizeSmsSend({
    userId,
    from,
    to,
    body: input.body,
    ...(caller.keyId ? { keyId: caller.keyId } : {}),
    ...(caller.scopes ? { scopes: caller.scopes } : {}),
  });
  let stored: StoredMessage;
  try {
    stored = await storeMessageOnce({
      conversationId: conv.conversationId,
      sender: { userId },
      body: input.body,
      status: 'queued',
      clientMessageId: input.clientMessageId,
      ...grant.messageFields,
      extension: grant.extension({ userId, conversationId: conv.conversationId, from, to, body: input.body }),
    });
  } catch (error) {
    await grant.release();
    throw error;
  }
  if (!stored.created) {
    // A clientMessageId retry: the first attempt already sent (and paid for) it.
    await grant.release();
  }
  return stored;
}
