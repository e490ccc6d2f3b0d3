/**
 * Hostile request bodies and parameter values every route must answer with a 4xx
 * problem+json (never a 5xx) and without writing anything.
 */
const deepArray = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Raw bodies (strings sent as they are). */
export const HOSTILE_RAW_BODIES: ReadonlyArray<readonly [string, string]> = [
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"hello"'],
  ['a number', '42'],
  ['true', 'true'],
  ['broken JSON', '{"a":'],
  ['trailing garbage', '{} x'],
  ['a 200 KB string', JSON.stringify({ x: 'a'.repeat(200_000) })],
  ['deeply nested arrays', `{"x":${deepArray(2000)}}`],
  ['__proto__ pollution', '{"__proto__":{"isAdmin":true}}'],
  ['constructor.prototype pollution', '{"constructor":{"prototype":{"isAdmin":true}}}'],
  ['a NUL character', '{"x":"a\\u0000b"}'],
  ['a lone surrogate', '{"x":"\\ud800"}'],
  ['an empty object', '{}'],
];

/** Values put into each declared field of a route's body. */
export const HOSTILE_FIELD_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['a NoSQL operator object', { $gt: '' }],
  ['a $ne operator', { $ne: null }],
  ['a nested array', [[[['x']]]]],
  ['a control character', 'x\u0007y'],
  ['a lone surrogate', '\ud800'],
  ['a 200 KB string', 'b'.repeat(200_000)],
  ['a negative huge number', -1e308],
  ['null', null],
];

export const HOSTILE_PATH_VALUES: ReadonlyArray<readonly [string, string]> = [
  ['path traversal', '../../etc/passwd'],
  ['a NUL byte', 'abc\u0000def'],
  ['a 5,000-character id', 'x'.repeat(5000)],
  ['SQL-ish text', "1' OR '1'='1"],
  ['an emoji', '📱'],
];

export const HOSTILE_QUERIES: ReadonlyArray<readonly [string, string]> = [
  ['a negative limit', 'limit=-1'],
  ['a huge limit', 'limit=1000000000'],
  ['a non-numeric limit', 'limit=ten'],
  ['a forged cursor', 'cursor=eyJwayI6InVzZXIjdXNyX290aGVyIn0'],
  ['a cursor with bad characters', 'cursor=%3Cscript%3E'],
  ['a bad date', 'from=2024-13-45'],
  ['a 5,000-character cursor', `cursor=${'A'.repeat(5000)}`],
];
