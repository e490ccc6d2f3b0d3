import {
  MAX_ENTRY_WORD_BYTES,
  MAX_KEYS_PER_MESSAGE,
  entryHolds,
  headOf,
  highlight,
  indexEntries,
  lookupKey,
  matchesAll,
  normalizeWord,
  queryTerms,
  words,
} from '../../../shared/conversations/tokenizer';

describe('tokenizer', () => {
  it('folds case, accents and width', () => {
    expect(normalizeWord('Café')).toBe('cafe');
    expect(normalizeWord('ÉLAN')).toBe('elan');
    expect(normalizeWord('Ｆｕｌｌ')).toBe('full');
    expect(normalizeWord('naïve')).toBe('naive');
  });

  it('splits on punctuation and whitespace, deduplicating words', () => {
    expect(words('Hello, hello WORLD! e-mail: a.b@c.de 42')).toEqual([
      'hello',
      'world',
      'e',
      'mail',
      'a',
      'b',
      'c',
      'de',
      '42',
    ]);
  });

  it('keeps non-Latin scripts', () => {
    expect(words('Привет мир')).toEqual(['привет', 'мир']);
  });

  it('indexes one entry per word head, listing its words (10 letters each)', () => {
    expect(indexEntries('Hello')).toEqual([{ head: 'he', words: 'hello' }]);
    expect(indexEntries('a hi')).toEqual([{ head: 'hi', words: 'hi' }]);
    expect(indexEntries('internationalization')).toEqual([{ head: 'in', words: 'internatio' }]);
    expect(indexEntries('help Hello world, HELP')).toEqual([
      { head: 'he', words: 'help hello' },
      { head: 'wo', words: 'world' },
    ]);
    expect(headOf('hello')).toBe('he');
  });

  it('writes one entry per distinct head: a 10-word message is at most 10 entries', () => {
    expect(indexEntries('Are we still on for lunch at noon tomorrow, Bob?')).toHaveLength(10);
  });

  it('caps the entries of a huge message and the words of an entry', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const body = [...letters].flatMap((a) => [...letters].map((b) => `${a}${b}word`)).join(' ');
    expect(indexEntries(body)).toHaveLength(MAX_KEYS_PER_MESSAGE);
    const crowded = indexEntries(Array.from({ length: 800 }, (_, i) => `word${i}abcdef`).join(' '));
    expect(crowded).toHaveLength(1);
    expect(new TextEncoder().encode(crowded[0]!.words).length).toBeLessThanOrEqual(MAX_ENTRY_WORD_BYTES);
  });

  it('tells whether an entry holds a word starting with a term', () => {
    expect(entryHolds('help hello', 'hel')).toBe(true);
    expect(entryHolds('help hello', 'helm')).toBe(false);
    expect(entryHolds('internatio', 'internationalization')).toBe(true);
    expect(entryHolds('scaffold', 'caf')).toBe(false);
  });

  it('derives query terms of at least two letters', () => {
    expect(queryTerms('  Hello a W0rld!! ')).toEqual(['hello', 'w0rld']);
    expect(queryTerms('a b c')).toEqual([]);
  });

  it('compares long terms on their first 10 letters', () => {
    expect(lookupKey('internationalization')).toBe('internatio');
    expect(lookupKey('hey')).toBe('hey');
  });

  it('matches whole words and prefixes, every term', () => {
    expect(matchesAll('Lunch at the Café?', ['caf'])).toBe(true);
    expect(matchesAll('Lunch at the Café?', ['lunch', 'cafe'])).toBe(true);
    expect(matchesAll('Lunch at the Café?', ['lunch', 'dinner'])).toBe(false);
    expect(matchesAll('scaffold', ['caf'])).toBe(false);
  });

  it('highlights matches and escapes the rest', () => {
    expect(highlight('Say <b>hello</b> to Hélène', ['hel'])).toBe(
      'Say &lt;b&gt;<mark>hello</mark>&lt;/b&gt; to <mark>Hélène</mark>',
    );
  });

  it('cuts a long text around the first match', () => {
    const text = `${'x '.repeat(100)}needle ${'y '.repeat(100)}`;
    const snippet = highlight(text, ['needle']);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>needle</mark>');
  });
});
