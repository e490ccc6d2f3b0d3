import { useCallback, useEffect, useRef, useState } from 'react';
import { listMessages, sendMessage } from '../../api/conversations';
import type { Profile } from '../../api/account';
import type { Attachment, Message } from '../../api/conversations';
import { newClientMessageId } from '../../lib/ids';
import { combineStatusChanges, type StatusChange, upsertMessage, withStatusChange } from '../../lib/messages';
import { useConnectionState, useRealtimeEvent } from '../../realtime/hooks';

const PAGE = 30;

export interface Outgoing {
  readonly body: string;
  readonly attachmentIds: readonly string[];
  /** Local previews shown in the optimistic message until the server's copy arrives. */
  readonly localAttachments: readonly Attachment[];
  readonly mentions: Message['mentions'];
}

/**
 * One conversation's messages in time order: the newest page first, older pages on demand
 * (infinite scroll), live additions and status changes from the WebSocket, and optimistic
 * sending keyed by clientMessageId (a retry reuses it, so the server stores the message once).
 */
export function useMessages(conversationId: string, me: Profile | null) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState('');
  /** Status changes that arrived before their message was loaded, applied when it is. */
  const earlyStatus = useRef(new Map<string, StatusChange>());
  const outgoing = useRef(new Map<string, Outgoing>());
  /** The first page sets the cursor; later catch-up reloads (after a reconnect) leave it alone. */
  const cursorSet = useRef(false);

  const withEarlyStatus = useCallback((message: Message): Message => {
    const early = earlyStatus.current.get(message.id);
    if (!early) return message;
    earlyStatus.current.delete(message.id);
    return withStatusChange(message, early);
  }, []);

  const merge = useCallback(
    (incoming: readonly Message[]) =>
      setMessages((list) => incoming.reduce((acc, m) => upsertMessage(acc, withEarlyStatus(m)), list)),
    [withEarlyStatus],
  );

  const loadNewest = useCallback(async () => {
    try {
      const page = await listMessages(conversationId, null, PAGE);
      if (!cursorSet.current) {
        cursorSet.current = true;
        setCursor(page.nextCursor);
      }
      merge(page.items);
      setError('');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not load messages.');
    } finally {
      setLoaded(true);
    }
  }, [conversationId, merge]);

  useEffect(() => {
    void loadNewest();
  }, [loadNewest]);

  useConnectionState(() => void loadNewest());

  const loadingRef = useRef(false);
  const loadOlder = useCallback(async () => {
    if (!cursor || loadingRef.current) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    try {
      const page = await listMessages(conversationId, cursor, PAGE);
      merge(page.items);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not load older messages.');
    } finally {
      loadingRef.current = false;
      setLoadingOlder(false);
    }
  }, [conversationId, cursor, merge]);

  useRealtimeEvent('message.created', (event) => {
    if (event.conversationId === conversationId) merge([event.message]);
  });

  useRealtimeEvent('message.status', (event) => {
    if (event.conversationId !== conversationId) return;
    const change: StatusChange = {
      status: event.status,
      ...(event.errorCode ? { errorCode: event.errorCode } : {}),
    };
    setMessages((list) => {
      if (!list.some((m) => m.id === event.messageId)) {
        const early = earlyStatus.current;
        early.set(event.messageId, combineStatusChanges(early.get(event.messageId), change));
        return list;
      }
      return list.map((m) => (m.id === event.messageId ? withStatusChange(m, change) : m));
    });
  });

  const deliver = useCallback(
    async (clientMessageId: string, out: Outgoing) => {
      try {
        const saved = await sendMessage(conversationId, {
          body: out.body,
          clientMessageId,
          ...(out.attachmentIds.length > 0 ? { attachments: [...out.attachmentIds] } : {}),
        });
        outgoing.current.delete(clientMessageId);
        setMessages((list) =>
          upsertMessage(
            list.filter((m) => m.id !== clientMessageId),
            withEarlyStatus({ ...saved, clientMessageId }),
          ),
        );
      } catch {
        setMessages((list) => list.map((m) => (m.id === clientMessageId ? { ...m, status: 'failed' } : m)));
      }
    },
    [conversationId, withEarlyStatus],
  );

  const send = useCallback(
    (out: Outgoing) => {
      if (!me) return;
      const clientMessageId = newClientMessageId();
      outgoing.current.set(clientMessageId, out);
      const draft: Message = {
        id: clientMessageId,
        clientMessageId,
        conversationId,
        sender: { userId: me.userId, username: me.username },
        body: out.body,
        mentions: out.mentions,
        attachments: [...out.localAttachments],
        status: 'sending',
        createdAt: new Date().toISOString(),
      };
      setMessages((list) => [...list, draft]);
      void deliver(clientMessageId, out);
    },
    [conversationId, deliver, me],
  );

  /** Sends a failed message again with the same clientMessageId. */
  const retry = useCallback(
    (clientMessageId: string) => {
      const out = outgoing.current.get(clientMessageId);
      if (!out) return;
      setMessages((list) => list.map((m) => (m.id === clientMessageId ? { ...m, status: 'sending' } : m)));
      void deliver(clientMessageId, out);
    },
    [deliver],
  );

  return { messages, loaded, error, hasMore: cursor !== null, loadingOlder, loadOlder, send, retry };
}
