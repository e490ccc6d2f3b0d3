import { useCallback, useEffect, useState } from 'react';
import { getConversation, restoreConversation } from '../api/conversations';
import type { Conversation } from '../api/conversations';
import { useSession } from '../auth/session';
import { ConversationList } from '../components/chat/ConversationList';
import { ConversationView } from '../components/chat/ConversationView';
import { NewConversationDialog } from '../components/chat/NewConversationDialog';
import { SearchResults } from '../components/chat/SearchResults';
import { useConversations } from '../components/chat/useConversations';
import { navigate } from '../lib/router';

/** The API searches words of two or more letters; shorter input keeps the list. */
const searchable = (query: string): boolean => query.split(/\s+/).some((word) => word.length >= 2);

export function ChatPage({ openId }: { readonly openId: string | null }) {
  const { me } = useSession();
  const [archived, setArchived] = useState(false);
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useConversations(archived, openId);
  const [open, setOpen] = useState<Conversation | null>(null);
  const [openError, setOpenError] = useState('');

  // The open conversation: from the list when it is there, fetched otherwise (deep link, archived).
  useEffect(() => {
    setOpenError('');
    if (!openId) {
      setOpen(null);
      return;
    }
    const known = list.items.find((c) => c.id === openId);
    if (known) {
      setOpen((current) =>
        current?.id === known.id && current.archived === known.archived ? current : known,
      );
      return;
    }
    let cancelled = false;
    getConversation(openId).then(
      (c) => !cancelled && setOpen(c),
      () => !cancelled && setOpenError('This conversation does not exist or is not yours.'),
    );
    return () => {
      cancelled = true;
    };
  }, [openId, list.items]);

  const { patch, remove, upsert } = list;
  const onRead = useCallback((id: string) => patch(id, { unreadCount: 0 }), [patch]);
  const onArchived = useCallback(
    (id: string) => {
      remove(id);
      navigate('/chat');
    },
    [remove],
  );
  const onRestore = async (id: string) => {
    const restored = await restoreConversation(id);
    remove(id);
    setArchived(false);
    navigate(`/chat/${encodeURIComponent(restored.id ?? id)}`);
  };

  return (
    <div className={`chat${openId ? ' has-open' : ''}`}>
      <aside className="sidebar">
        <div className="sidebar-tools">
          <input
            type="search"
            aria-label="Search messages"
            placeholder="Search messages"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        <div className="sidebar-row">
          <fieldset className="tabs">
            <legend className="sr-only">Show</legend>
            <button type="button" className="tab" aria-pressed={!archived} onClick={() => setArchived(false)}>
              Active
            </button>
            <button type="button" className="tab" aria-pressed={archived} onClick={() => setArchived(true)}>
              Archived
            </button>
          </fieldset>
          <button type="button" className="small" onClick={() => setCreating(true)}>
            New conversation
          </button>
        </div>
        {searchable(query) ? (
          <SearchResults query={query.trim()} onPick={() => setQuery('')} />
        ) : (
          <ConversationList
            items={list.items}
            me={me}
            openId={openId}
            archived={archived}
            loading={list.loading}
            hasMore={list.hasMore}
            onLoadMore={() => void list.loadMore()}
            onRestore={(id) => void onRestore(id)}
          />
        )}
        {list.error ? (
          <p role="alert" className="alert small">
            {list.error}
          </p>
        ) : null}
      </aside>
      <div className="panel">
        {open && open.id === openId ? (
          <ConversationView
            key={open.id}
            conversation={open}
            me={me}
            onRead={onRead}
            onArchived={onArchived}
          />
        ) : openError ? (
          <p role="alert" className="alert">
            {openError}
          </p>
        ) : (
          <div className="empty">
            <h2>Your messages</h2>
            <p className="muted">
              Pick a conversation, or start a new one with a username or a phone number.
            </p>
          </div>
        )}
      </div>
      <NewConversationDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(conversation) => {
          setCreating(false);
          setArchived(false);
          upsert(conversation);
          navigate(`/chat/${encodeURIComponent(conversation.id)}`);
        }}
      />
    </div>
  );
}
