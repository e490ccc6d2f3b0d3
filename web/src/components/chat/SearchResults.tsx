import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { searchMessages } from '../../api/conversations';
import type { SearchHit } from '../../api/conversations';
import { shortWhen } from '../../lib/format';
import { participantName } from '../../lib/messages';
import { Link } from '../../lib/router';

/** Marks each query word (and prefix) in the text, without trusting any server markup. */
function Highlighted({ text, query }: { readonly text: string; readonly query: string }) {
  const words = query
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (words.length === 0) return <>{text}</>;
  const pattern = new RegExp(`\\b(${words.join('|')})`, 'gi');
  const parts: Array<{ text: string; hit: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start), hit: false });
    parts.push({ text: match[0], hit: true });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable string
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

/** Message search across all the caller's conversations. */
export function SearchResults({ query, onPick }: { readonly query: string; readonly onPick: () => void }) {
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let cancelled = false;
    setHits(null);
    const timer = window.setTimeout(async () => {
      try {
        const page = await searchMessages(query);
        if (!cancelled) {
          setHits(page.items);
          setError('');
        }
      } catch (err) {
        if (!cancelled) setError(errorMessage(err));
      }
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query]);

  return (
    <section aria-label="Search results" className="search-results">
      {error ? (
        <p role="alert" className="alert small">
          {error}
        </p>
      ) : null}
      {hits === null && !error ? <p className="muted pad">Searching…</p> : null}
      {hits && hits.length === 0 ? <p className="muted pad">No messages match “{query}”.</p> : null}
      <ul>
        {(hits ?? []).map((hit) => (
          <li key={hit.message.id}>
            <Link
              to={`/chat/${encodeURIComponent(hit.conversationId)}`}
              className="conversation"
              onClick={onPick}
            >
              <span className="conversation-text">
                <span className="conversation-top">
                  <span className="conversation-name">{participantName(hit.message.sender)}</span>
                  <time className="muted small" dateTime={hit.message.createdAt}>
                    {shortWhen(hit.message.createdAt)}
                  </time>
                </span>
                <span className="conversation-preview">
                  <Highlighted text={hit.message.body} query={query} />
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
