import { useEffect, useState } from 'react';
import { useRealtimeEvent } from '../../realtime/hooks';

const EXPIRE_MS = 6000;

/** "<name> is typing…" from `typing` events; a name fades after a few seconds without news. */
export function TypingIndicator({ conversationId }: { readonly conversationId: string }) {
  const [typists, setTypists] = useState<Record<string, number>>({});

  useRealtimeEvent('typing', (event) => {
    if (event.conversationId !== conversationId) return;
    setTypists((all) => {
      const next = { ...all };
      if (event.isTyping) next[event.username] = Date.now() + EXPIRE_MS;
      else delete next[event.username];
      return next;
    });
  });

  // A message from someone ends their typing.
  useRealtimeEvent('message.created', (event) => {
    const name = event.message.sender.username;
    if (event.conversationId !== conversationId || !name) return;
    setTypists((all) => {
      if (!(name in all)) return all;
      const next = { ...all };
      delete next[name];
      return next;
    });
  });

  const names = Object.keys(typists);
  useEffect(() => {
    if (names.length === 0) return;
    const timer = window.setInterval(() => {
      const now = Date.now();
      setTypists((all) => Object.fromEntries(Object.entries(all).filter(([, until]) => until > now)));
    }, 1000);
    return () => window.clearInterval(timer);
  }, [names.length]);

  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? `${names[0]} is typing…`
        : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
  return (
    <p className="typing" aria-live="polite">
      {text}
    </p>
  );
}
