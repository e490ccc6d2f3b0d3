import { useCallback, useEffect, useRef, useState } from 'react';
import { getConversation, listConversations } from '../../api/conversations';
import type { Conversation } from '../../api/conversations';
import { useSession } from '../../auth/session';
import { useConnectionState, useRealtimeEvent } from '../../realtime/hooks';

const byActivity = (a: Conversation, b: Conversation) =>
  (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt);

/**
 * The conversation list (active or archived), kept live from WebSocket events: new messages
 * move a conversation to the top, bump its unread count and preview; unknown conversations
 * (someone started one with us) are fetched and added.
 */
export function useConversations(archived: boolean, openId: string | null) {
  const { me } = useSession();
  const [items, setItems] = useState<Conversation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState('');
  const openRef = useRef(openId);
  openRef.current = openId;
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const reload = useCallback(async () => {
    try {
      const page = await listConversations(archived);
      setItems(page.items.sort(byActivity));
      setNextCursor(page.nextCursor);
      setError('');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not load conversations.');
    } finally {
      setLoading(false);
    }
  }, [archived]);

  useEffect(() => {
    setLoading(true);
    void reload();
  }, [reload]);

  useConnectionState(() => void reload());

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const page = await listConversations(archived, nextCursor);
    setItems((all) =>
      [...all, ...page.items.filter((c) => !all.some((a) => a.id === c.id))].sort(byActivity),
    );
    setNextCursor(page.nextCursor);
  }, [archived, nextCursor]);

  const upsert = useCallback(
    (conversation: Conversation) =>
      setItems((all) => {
        const rest = all.filter((c) => c.id !== conversation.id);
        return conversation.archived === archived ? [conversation, ...rest].sort(byActivity) : rest;
      }),
    [archived],
  );

  const patch = useCallback(
    (id: string, change: Partial<Conversation>) =>
      setItems((all) => all.map((c) => (c.id === id ? { ...c, ...change } : c)).sort(byActivity)),
    [],
  );

  const remove = useCallback((id: string) => setItems((all) => all.filter((c) => c.id !== id)), []);

  useRealtimeEvent('message.created', ({ conversationId, message }) => {
    const fromMe = me !== null && message.sender.userId === me.userId;
    if (!itemsRef.current.some((c) => c.id === conversationId)) {
      if (!archived) {
        getConversation(conversationId).then(upsert, () => {
          // Not visible to us (archived meanwhile): nothing to show.
        });
      }
      return;
    }
    setItems((all) => {
      const found = all.find((c) => c.id === conversationId);
      if (!found) return all;
      const unread = fromMe || openRef.current === conversationId ? found.unreadCount : found.unreadCount + 1;
      const updated = {
        ...found,
        lastMessage: message,
        lastMessageAt: message.createdAt,
        unreadCount: unread,
      };
      return [updated, ...all.filter((c) => c.id !== conversationId)].sort(byActivity);
    });
  });

  useRealtimeEvent('conversation.updated', ({ conversation }) => {
    const keepUnread = openRef.current === conversation.id ? { unreadCount: 0 } : {};
    upsert({ ...conversation, ...keepUnread });
  });

  return { items, loading, error, hasMore: nextCursor !== null, loadMore, reload, upsert, patch, remove };
}
