import type { Profile } from '../../api/account';
import type { Conversation } from '../../api/conversations';
import { shortWhen } from '../../lib/format';
import { conversationName } from '../../lib/messages';
import { Link } from '../../lib/router';
import { Icon } from '../Icon';

interface Props {
  readonly items: readonly Conversation[];
  readonly me: Profile | null;
  readonly openId: string | null;
  readonly archived: boolean;
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly onLoadMore: () => void;
  readonly onRestore: (id: string) => void;
}

export function ConversationList({
  items,
  me,
  openId,
  archived,
  loading,
  hasMore,
  onLoadMore,
  onRestore,
}: Props) {
  return (
    <nav aria-label="Conversations" className="conversations">
      {loading ? <p className="muted pad">Loading…</p> : null}
      {!loading && items.length === 0 ? (
        <p className="muted pad">{archived ? 'No archived conversations.' : 'No conversations yet.'}</p>
      ) : null}
      <ul>
        {items.map((c) => {
          const name = conversationName(c, me);
          const preview = c.lastMessage
            ? `${c.lastMessage.sender.userId === me?.userId ? 'You: ' : ''}${c.lastMessage.body}`
            : c.type === 'sms'
              ? `SMS from ${c.fromNumber ?? ''}`
              : 'No messages yet';
          return (
            <li key={c.id} className={c.id === openId ? 'current' : undefined}>
              <Link
                to={`/chat/${encodeURIComponent(c.id)}`}
                className="conversation"
                aria-current={c.id === openId ? 'page' : undefined}
              >
                <span className="avatar" aria-hidden="true">
                  {c.type === 'sms' ? <Icon name="phone" /> : name.slice(0, 1).toUpperCase()}
                </span>
                <span className="conversation-text">
                  <span className="conversation-top">
                    <span className="conversation-name">{name}</span>
                    <time className="muted small" dateTime={c.lastMessageAt ?? c.createdAt}>
                      {shortWhen(c.lastMessageAt ?? c.createdAt)}
                    </time>
                  </span>
                  <span className="conversation-preview">{preview}</span>
                </span>
                {c.unreadCount > 0 ? (
                  <span className="badge">
                    {c.unreadCount}
                    <span className="sr-only"> unread</span>
                  </span>
                ) : null}
              </Link>
              {archived ? (
                <button type="button" className="secondary small" onClick={() => onRestore(c.id)}>
                  Restore
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {hasMore ? (
        <button type="button" className="link pad" onClick={onLoadMore}>
          Show more
        </button>
      ) : null}
    </nav>
  );
}
