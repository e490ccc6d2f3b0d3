import {
  MAX_KEYS_PER_MESSAGE,
  MAX_PREFIX,
  highlight,
  indexKeys,
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

  it('indexes every prefix from 2 letters up to the cap', () => {
    expect(indexKeys('Hello')).toEqual(['he', 'hel', 'hell', 'hello']);
    expect(indexKeys('a hi')).toEqual(['hi']);
    const long = indexKeys('internationalization');
    expect(long).toHaveLength(MAX_PREFIX - 1);
    expect(long.at(-1)).toBe('internatio');
  });

  it('deduplicates keys shared by words', () => {
    expect(indexKeys('help hello')).toEqual(['he', 'hel', 'help', 'hell', 'hello']);
  });

  it('caps the keys of a huge message', () => {
    const body = Array.from({ length: 800 }, (_, i) => `word${i}abcdef`).join(' ');
    expect(indexKeys(body)).toHaveLength(MAX_KEYS_PER_MESSAGE);
  });

  it('derives query terms of at least two letters', () => {
    expect(queryTerms('  Hello a W0rld!! ')).toEqual(['hello', 'w0rld']);
    expect(queryTerms('a b c')).toEqual([]);
  });

  it('looks long terms up by their indexed prefix', () => {
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
