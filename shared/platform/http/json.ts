import { InvalidInput } from '../errors';

/** Deeper JSON than this is refused: no request of ours nests more than a few levels. */
export const MAX_JSON_DEPTH = 20;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// C0 control characters other than tab, newline and carriage return have no business in our API.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match control characters.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * JSON.parse that turns every hostile input into a 400: broken JSON, prototype-pollution keys,
 * lone surrogates, control characters and pathological nesting (which would otherwise risk a
 * RangeError, i.e. a 500).
 */
export function parseJsonSafely(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new HostileJson(`The key "${key}" is not allowed.`);
      if (typeof v === 'string') assertCleanString(v);
      return v;
    });
  } catch (error) {
    if (error instanceof HostileJson)
      throw new InvalidInput('invalid_json', 'Malformed JSON', { detail: error.message });
    throw new InvalidInput('invalid_json', 'Malformed JSON', {
      detail: 'The request body is not valid JSON.',
    });
  }
  if (depthOf(value) > MAX_JSON_DEPTH) {
    throw new InvalidInput('invalid_json', 'Malformed JSON', {
      detail: `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted.`,
    });
  }
  return value;
}

/** Rejects strings no client should send: lone UTF-16 surrogates and C0 controls. */
export function assertCleanString(value: string): void {
  if (!value.isWellFormed())
    throw new HostileJson('Strings must be well-formed Unicode (no lone surrogates).');
  if (CONTROL_CHARS.test(value)) throw new HostileJson('Strings must not contain control characters.');
}

/** True when `value` has no lone surrogates and no C0 control characters. */
export function isCleanString(value: string): boolean {
  return value.isWellFormed() && !CONTROL_CHARS.test(value);
}

class HostileJson extends Error {}

/** Iterative depth count, safe for any nesting JSON.parse accepted. */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return max;
}
