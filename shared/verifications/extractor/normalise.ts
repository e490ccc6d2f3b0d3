/**
 * Text normalisation: native digits -> ASCII, exotic spaces/dashes -> plain ones, invisible marks
 * dropped, and a case/accent-folded copy for keyword matching, with a map back to the caller's
 * original indices.
 */
import { DIGIT_ZEROS, SPECIAL_FOLDS } from './data/characters';

/** Returns the ASCII digit for any supported decimal digit, or `null` when `cp` is not one. */
function foldDigit(cp: number): string | null {
  if (cp >= 0x30 && cp <= 0x39) return String.fromCharCode(cp);
  if (cp < 0x0660) return null;
  for (const zero of DIGIT_ZEROS) {
    if (cp >= zero && cp <= zero + 9) return String.fromCharCode(0x30 + cp - zero);
  }
  return null;
}

/**
 * Replaces every native decimal digit (Arabic-Indic, Persian, Devanagari, Thai, fullwidth, ...)
 * with its ASCII equivalent and leaves everything else untouched. Exposed for callers that
 * want to display or compare codes; {@link extractCode} applies it internally.
 */
export function normalizeDigits(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    out += foldDigit(text.charCodeAt(i)) ?? ch;
  }
  return out;
}

/**
 * Maps one UTF-16 code unit of the input to its normalised form: '' drops it (invisible format
 * characters and Latin combining marks, which otherwise split digit groups or keywords), other
 * values replace it. Only ever 0 or 1 output characters so the index map stays trivial.
 */
function normaliseChar(cp: number, ch: string): string {
  const digit = foldDigit(cp);
  if (digit !== null) return digit;
  if (cp < 0x80) {
    if (cp === 0x0d) return ''; // CR: "\r\n" must count as a single line break
    if (cp === 0x09) return ' ';
    return ch;
  }
  // Bidi/zero-width controls are common in Arabic, Hebrew and Persian SMS (ZWNJ inside words).
  if (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0x061c ||
    cp === 0xfeff ||
    cp === 0x00ad
  ) {
    return '';
  }
  if (cp >= 0x0300 && cp <= 0x036f) return ''; // decomposed accents: keep keywords matchable
  if (
    cp === 0x00a0 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0x1680
  ) {
    return ' ';
  }
  if ((cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xfe58 || cp === 0xfe63 || cp === 0x2043) {
    return '-';
  }
  if (cp === 0x066b) return '.'; // Arabic decimal separator
  if (cp === 0x066c || cp === 0x060c) return ','; // Arabic thousands separator / comma
  // Fullwidth ASCII, except the CJK comma: "482193，5分钟内有效" is a code and a duration, not 482193,5.
  if (cp >= 0xff01 && cp <= 0xff5e && cp !== 0xff0c) return String.fromCharCode(cp - 0xfee0);
  return ch;
}

const foldCache = new Map<string, string>();

/**
 * Case- and accent-folds one character so keyword tables can be written once ("codigo" matches
 * "Código", "CÓDIGO" and a decomposed "Co\u0301digo"). Only Latin/Greek/Cyrillic are folded:
 * NFD would split Hangul syllables and Japanese kana, which must stay intact.
 */
function foldChar(ch: string): string {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  let lower = ch.toLowerCase();
  if (lower.length !== 1) lower = ch; // e.g. Turkish 'İ' lowercases to two code units
  let result = SPECIAL_FOLDS[lower] ?? lower;
  const cp = result.charCodeAt(0);
  if (cp >= 0xc0 && cp < 0x500) {
    const decomposed = result.normalize('NFD');
    if (decomposed.length > 1 && decomposed.charCodeAt(0) < 0x500) {
      let onlyMarks = true;
      for (let k = 1; k < decomposed.length; k++) {
        const m = decomposed.charCodeAt(k);
        if (m < 0x0300 || m > 0x036f) onlyMarks = false;
      }
      if (onlyMarks) result = decomposed.charAt(0).toLowerCase();
    }
  }
  if (result.length !== 1) result = ch;
  foldCache.set(ch, result);
  return result;
}

/** Normalised view of a message; `text[i]` came from `original[map[i]]`. */
export interface Normalised {
  /** Digits, spaces and dashes normalised; case preserved (alphanumeric codes keep their case). */
  text: string;
  /** `text` lowercased and accent-folded, same length, for keyword matching. */
  folded: string;
  /** Index into the original string for every index of `text`. */
  map: number[];
}

export function normalise(input: string): Normalised {
  const text: string[] = [];
  const folded: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const ch = normaliseChar(input.charCodeAt(i), input.charAt(i));
    if (ch === '') continue;
    text.push(ch);
    folded.push(foldChar(ch));
    map.push(i);
  }
  return { text: text.join(''), folded: folded.join(''), map };
}

/** Normalises and folds a table entry exactly like message text, so tables stay readable. */
export function foldPhrase(phrase: string): string {
  return normalise(phrase).folded;
}
