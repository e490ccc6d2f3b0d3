/**
 * Character classes and small text scanners shared by the extractor's modules (hand-written:
 * cheaper than regexes in the hot loops and obviously linear).
 */

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}
export function isAsciiUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch >= 'A' && ch <= 'Z';
}
export function isAsciiLower(ch: string | undefined): boolean {
  return ch !== undefined && ch >= 'a' && ch <= 'z';
}
export function isAsciiLetter(ch: string | undefined): boolean {
  return isAsciiUpper(ch) || isAsciiLower(ch);
}
export function isAsciiAlnum(ch: string | undefined): boolean {
  return isAsciiDigit(ch) || isAsciiLetter(ch);
}
export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n';
}
const LETTER_RE = /[\p{L}\p{M}]/u;
/** Any-script letter (a single code unit test; astral letters are rare in SMS and harmless here). */
export function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && (isAsciiLetter(ch) || (ch >= '\u00c0' && LETTER_RE.test(ch)));
}

/** Skips `count` spaces at most, moving left from `p` (inclusive); returns the new position. */
export function skipSpacesLeft(text: string, p: number, max: number): number {
  let q = p;
  while (q >= 0 && text[q] === ' ' && p - q < max) q--;
  return q;
}

export function skipSpacesRight(text: string, p: number, max: number): number {
  let q = p;
  while (q < text.length && text[q] === ' ' && q - p < max) q++;
  return q;
}

/** Reads the letters of the word ending at `p` (inclusive), at most 12. */
export function wordEndingAt(folded: string, p: number): string {
  let q = p;
  while (q >= 0 && p - q < 12 && isLetter(folded[q])) q--;
  return folded.slice(q + 1, p + 1);
}

/** Reads the letters of the word starting at `p`, at most 12. */
export function wordStartingAt(folded: string, p: number): string {
  let q = p;
  while (q < folded.length && q - p < 12 && isLetter(folded[q])) q++;
  return folded.slice(p, q);
}

/** Does `text` contain `word` delimited by non-letters on both sides? */
export function containsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isLetter(text[at - 1]) && !isLetter(text[at + word.length])) return true;
  }
  return false;
}
