import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import type { Profile } from '../../api/account';
import type { Message } from '../../api/conversations';
import { dayKey, dayLabel } from '../../lib/format';
import { isMine } from '../../lib/messages';
import { MessageItem } from './MessageItem';

interface Props {
  readonly messages: readonly Message[];
  readonly me: Profile | null;
  readonly loaded: boolean;
  readonly hasMore: boolean;
  readonly loadingOlder: boolean;
  readonly onLoadOlder: () => void;
  readonly onRetry: (clientMessageId: string) => void;
}

const TOP_THRESHOLD_PX = 120;
const BOTTOM_STICKY_PX = 48;

/**
 * The message history, grouped by day. Scrolling near the top loads older messages and keeps
 * the visible ones where they were; new messages scroll into view when the reader is at the
 * bottom (or sent them).
 */
export function MessageLog({ messages, me, loaded, hasMore, loadingOlder, onLoadOlder, onRetry }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLOListElement>(null);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const atBottom = useRef(true);
  const newestId = useRef<string | undefined>(undefined);

  const requestOlder = () => {
    const el = scroller.current;
    if (!el || !hasMore || loadingOlder) return;
    anchor.current = { height: el.scrollHeight, top: el.scrollTop };
    onLoadOlder();
  };

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const newest = messages.at(-1);
    if (newest?.id !== newestId.current) {
      newestId.current = newest?.id;
      if (atBottom.current || (newest && isMine(newest, me))) {
        el.scrollTop = el.scrollHeight;
        atBottom.current = true;
        return;
      }
    }
    if (anchor.current) {
      el.scrollTop = anchor.current.top + (el.scrollHeight - anchor.current.height);
      if (!loadingOlder) anchor.current = null;
    }
  });

  // Images and previews change heights after render: stay pinned to the bottom if we were there.
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(inner);
    return () => observer.disconnect();
  }, []);

  // A short history that does not fill the panel: fetch more until it scrolls (or there is no more).
  useEffect(() => {
    const el = scroller.current;
    if (el && loaded && hasMore && !loadingOlder && el.scrollHeight <= el.clientHeight + TOP_THRESHOLD_PX) {
      anchor.current = { height: el.scrollHeight, top: el.scrollTop };
      onLoadOlder();
    }
  }, [loaded, hasMore, loadingOlder, onLoadOlder]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < BOTTOM_STICKY_PX;
    if (el.scrollTop < TOP_THRESHOLD_PX) requestOlder();
  };

  return (
    <div
      ref={scroller}
      className="log"
      role="log"
      aria-label="Messages"
      aria-busy={loadingOlder || !loaded}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll it
      tabIndex={0}
      onScroll={onScroll}
    >
      <p className="log-edge">
        {!loaded
          ? 'Loading messages…'
          : loadingOlder
            ? 'Loading older messages…'
            : hasMore
              ? ''
              : messages.length > 0
                ? 'Beginning of the conversation'
                : 'No messages yet. Say hello!'}
      </p>
      <ol ref={content} className="messages">
        {messages.map((message, i) => {
          const previous = messages[i - 1];
          const newDay = !previous || dayKey(previous.createdAt) !== dayKey(message.createdAt);
          const sameSender =
            !newDay &&
            previous !== undefined &&
            (previous.sender.userId ?? previous.sender.phoneNumber) ===
              (message.sender.userId ?? message.sender.phoneNumber);
          return (
            <Fragment key={message.clientMessageId ?? message.id}>
              {newDay ? (
                <li className="day">
                  <h3>{dayLabel(message.createdAt)}</h3>
                </li>
              ) : null}
              <MessageItem
                message={message}
                mine={isMine(message, me)}
                showAuthor={!sameSender}
                me={me}
                onRetry={onRetry}
              />
            </Fragment>
          );
        })}
      </ol>
    </div>
  );
}
