import { useCallback, useEffect, useRef, useState } from 'react';
import { archiveConversation, markRead } from '../../api/conversations';
import type { Profile } from '../../api/account';
import type { Conversation } from '../../api/conversations';
import { conversationName, isMine, participantName } from '../../lib/messages';
import { Link } from '../../lib/router';
import { realtime } from '../../realtime/socket';
import { Composer } from './Composer';
import { MessageLog } from './MessageLog';
import { TypingIndicator } from './TypingIndicator';
import { useMessages } from './useMessages';

interface Props {
  readonly conversation: Conversation;
  readonly me: Profile | null;
  readonly onRead: (id: string) => void;
  readonly onArchived: (id: string) => void;
}

function useDocumentVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

export function ConversationView({ conversation, me, onRead, onArchived }: Props) {
  const { messages, loaded, error, hasMore, loadingOlder, loadOlder, send, retry } = useMessages(
    conversation.id,
    me,
  );
  const visible = useDocumentVisible();
  const lastRead = useRef<string | null>(null);

  // Read receipt for the newest message from someone else, while the reader can actually see it.
  useEffect(() => {
    if (!visible) return;
    const newest = [...messages].reverse().find((m) => !isMine(m, me) && m.status !== 'sending');
    if (!newest || newest.id === lastRead.current) return;
    lastRead.current = newest.id;
    onRead(conversation.id);
    markRead(conversation.id, newest.id).catch(() => {
      lastRead.current = null;
    });
  }, [messages, visible, me, conversation.id, onRead]);

  const onTyping = useCallback(
    (isTyping: boolean) => realtime.send({ action: 'typing', conversationId: conversation.id, isTyping }),
    [conversation.id],
  );

  const archive = async () => {
    await archiveConversation(conversation.id);
    onArchived(conversation.id);
  };

  const others = conversation.participants.filter((p) => p.userId !== me?.userId);
  return (
    <section className="conversation-view" aria-labelledby="conversation-title">
      <header className="conversation-header">
        <Link to="/chat" className="back" aria-label="All conversations">
          ‹
        </Link>
        <div className="grow">
          <h2 id="conversation-title">{conversationName(conversation, me)}</h2>
          <p className="muted small">
            {conversation.type === 'sms'
              ? `SMS from ${conversation.fromNumber ?? 'your number'} to ${others.map(participantName).join(', ')}`
              : `With ${others.map(participantName).join(', ') || 'just you'}`}
          </p>
        </div>
        {conversation.archived ? null : (
          <button type="button" className="secondary small" onClick={archive}>
            Archive
          </button>
        )}
      </header>
      {error ? (
        <p role="alert" className="alert small">
          {error}
        </p>
      ) : null}
      <MessageLog
        messages={messages}
        me={me}
        loaded={loaded}
        hasMore={hasMore}
        loadingOlder={loadingOlder}
        onLoadOlder={loadOlder}
        onRetry={retry}
      />
      <TypingIndicator conversationId={conversation.id} />
      <Composer conversation={conversation} me={me} onSend={send} onTyping={onTyping} />
    </section>
  );
}
