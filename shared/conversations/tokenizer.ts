/**
 * Word handling for message search, shared by indexing (write side), querying and
 * highlighting so the three can never disagree about what a "word" is.
 *
 * Normalisation: Unicode NFKD, combining marks removed, lower case. "Café", "CAFE" and "cafe"
 * are the same word; "Ｆｕｌｌwidth" folds to "fullwidth".
 */

/** Words shorter than this are not indexed: two letters are the least a search needs. */
export const MIN_PREFIX = 2;
/** Words are kept in index entries up to this many letters; longer query terms are verified on the message text. */
export const MAX_PREFIX = 10;
/** Words longer than this are cut (nobody searches for a 60-letter word by its end). */
export const MAX_WORD = 40;
/** Index keys (word heads) per message and index scope: bounds the write cost of a 4000-character message. */
export const MAX_KEYS_PER_MESSAGE = 64;
/** UTF-8 bytes of the word list one index entry carries: keeps every entry one write unit (< 1 KB). */
export const MAX_ENTRY_WORD_BYTES = 600;
/** Terms per query. */
export const MAX_QUERY_TERMS = 5;

// A "piece" of raw text: letters, digits and the combining marks that decorate them.
const PIECE = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Folds a raw piece of text into its searchable form ('' when nothing searchable is left). */
export function normalizeWord(piece: string): string {
  return piece.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(NOT_WORD, '').slice(0, MAX_WORD);
}

/** The normalised words of a text, in order of first appearance, without duplicates. */
export function words(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(PIECE)) {
    const word = normalizeWord(match[0]);
    if (word.length > 0) seen.add(word);
  }
  return [...seen];
}

const UTF8 = new TextEncoder();

/** What a search term or a word is indexed under: its first MIN_PREFIX letters ("hello" → "he"). */
export const headOf = (word: string): string => [...word].slice(0, MIN_PREFIX).join('');

/** The part of a term or word an index entry keeps and compares (its first MAX_PREFIX letters). */
export const lookupKey = (term: string): string => [...term].slice(0, MAX_PREFIX).join('');

/** One index entry of a message: a word head and the message's words under it (space-separated, MAX_PREFIX letters each). */
export interface IndexEntry {
  readonly head: string;
  readonly words: string;
}

/**
 * The index entries of a message: one per distinct word head ("help hello world" → he: "help hello",
 * wo: "world"), at most MAX_KEYS_PER_MESSAGE of them, each listing at most MAX_ENTRY_WORD_BYTES of
 * words. A search term is then ONE Query on its head's partition, and the entry's word list tells
 * which entries hold a word starting with the term without reading the message.
 */
export function indexEntries(text: string): IndexEntry[] {
  const byHead = new Map<string, string[]>();
  const bytes = new Map<string, number>();
  for (const word of words(text)) {
    if ([...word].length < MIN_PREFIX) continue;
    const head = headOf(word);
    let list = byHead.get(head);
    if (!list) {
      if (byHead.size >= MAX_KEYS_PER_MESSAGE) continue;
      list = [];
      byHead.set(head, list);
      bytes.set(head, 0);
    }
    const kept = lookupKey(word);
    const size = UTF8.encode(kept).length + 1;
    if (list.includes(kept) || bytes.get(head)! + size > MAX_ENTRY_WORD_BYTES) continue;
    list.push(kept);
    bytes.set(head, bytes.get(head)! + size);
  }
  return [...byHead].map(([head, list]) => ({ head, words: list.join(' ') }));
}

/** True when an entry's word list holds a word starting with `term` (compared on its first MAX_PREFIX letters). */
export function entryHolds(entryWords: string, term: string): boolean {
  const key = lookupKey(term);
  return entryWords.split(' ').some((word) => word.startsWith(key));
}

/** Searchable terms of a query: normalised words of at least MIN_PREFIX letters, at most MAX_QUERY_TERMS. */
export function queryTerms(query: string): string[] {
  return words(query)
    .filter((word) => [...word].length >= MIN_PREFIX)
    .slice(0, MAX_QUERY_TERMS);
}

/** True when every term is a prefix of some word of `text` (whole words and prefixes match). */
export function matchesAll(text: string, terms: readonly string[]): boolean {
  const textWords = words(text);
  return terms.every((term) => textWords.some((word) => word.startsWith(term)));
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** Characters of context kept around the first match in a highlight. */
const HIGHLIGHT_CONTEXT = 60;

/**
 * A snippet of `text` around the first match with every matching word wrapped in
 * `<mark>...</mark>`. The rest is HTML-escaped, so a client may render it as HTML safely
 * (the Algolia/Elasticsearch convention).
 */
export function highlight(text: string, terms: readonly string[]): string {
  const hits: Array<[number, number]> = [];
  for (const match of text.matchAll(PIECE)) {
    const word = normalizeWord(match[0]);
    if (word && terms.some((term) => word.startsWith(term)))
      hits.push([match.index, match.index + match[0].length]);
  }
  const first = hits[0]?.[0] ?? 0;
  const start = Math.max(0, first - HIGHLIGHT_CONTEXT);
  const end = Math.min(text.length, first + HIGHLIGHT_CONTEXT * 2);
  let out = start > 0 ? '…' : '';
  let cursor = start;
  for (const [hitStart, hitEnd] of hits) {
    if (hitEnd <= start || hitStart >= end) continue;
    const from = Math.max(hitStart, cursor);
    out += escapeHtml(text.slice(cursor, from));
    out += `<mark>${escapeHtml(text.slice(from, Math.min(hitEnd, end)))}</mark>`;
    cursor = Math.min(hitEnd, end);
  }
  out += escapeHtml(text.slice(cursor, end));
  return end < text.length ? `${out}…` : out;
}
