import * as z from '../platform/zod';
import { DomainError } from '../platform/errors';
import { parseJsonSafely } from '../platform/http/json';
import { prefixedId } from '../platform/http/schemas';
import { sendToConnection } from './connections';
import { relayTyping } from './typing';

/** Client → server frames (../shared/API.md "WebSocket"). */
export const clientFrame = /* @__PURE__ */ z.discriminatedUnion('action', [
  /* @__PURE__ */ z.strictObject({
    action: /* @__PURE__ */ z.literal('typing'),
    conversationId: /* @__PURE__ */ prefixedId('conv'),
    isTyping: /* @__PURE__ */ z.boolean(),
  }),
  /* @__PURE__ */ z.strictObject({ action: /* @__PURE__ */ z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof clientFrame>;

const errorEvent = (code: string, detail: string, action?: string) => ({
  type: 'error' as const,
  code,
  detail,
  ...(action ? { action } : {}),
});

/**
 * Handles one frame of a connection. A bad frame is answered with an `error` event on that
 * socket (the WebSocket equivalent of a 4xx); the connection stays open.
 */
export async function handleFrame(connectionId: string, userId: string, body: string): Promise<void> {
  let frame: ClientFrame;
  try {
    const parsed = clientFrame.safeParse(parseJsonSafely(body));
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((i) => `${i.path.join('.') || 'frame'}: ${i.message}`)
        .join('; ');
      await sendToConnection(connectionId, errorEvent('validation_failed', detail));
      return;
    }
    frame = parsed.data;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await sendToConnection(connectionId, errorEvent(error.code, error.detail ?? error.title));
    return;
  }
  if (frame.action === 'ping') {
    await sendToConnection(connectionId, { type: 'pong' });
    return;
  }
  const outcome = await relayTyping(userId, frame.conversationId, frame.isTyping);
  if (outcome === 'not_found') {
    await sendToConnection(connectionId, errorEvent('not_found', 'No such conversation.', 'typing'));
  }
}
