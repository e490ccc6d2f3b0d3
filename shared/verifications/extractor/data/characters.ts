/** Character data: native digit blocks, letters folded without NFD, highlighting brackets. */

/**
 * Code point of the digit zero of every Unicode decimal-digit block we fold to ASCII. Arabic-Indic,
 * Persian, Devanagari, Bengali, Thai, fullwidth... users copy codes into apps that only accept
 * ASCII, so the extracted code must be ASCII whatever script the SMS used.
 */
export const DIGIT_ZEROS: readonly number[] = [
  0x0660, // Arabic-Indic
  0x06f0, // Extended Arabic-Indic (Persian, Urdu)
  0x07c0, // NKo
  0x0966, // Devanagari
  0x09e6, // Bengali
  0x0a66, // Gurmukhi
  0x0ae6, // Gujarati
  0x0b66, // Oriya
  0x0be6, // Tamil
  0x0c66, // Telugu
  0x0ce6, // Kannada
  0x0d66, // Malayalam
  0x0de6, // Sinhala
  0x0e50, // Thai
  0x0ed0, // Lao
  0x0f20, // Tibetan
  0x1040, // Myanmar
  0x17e0, // Khmer
  0x1810, // Mongolian
  0xff10, // Fullwidth (CJK input methods)
];

/** Letters that do not decompose under NFD but that people write without the diacritic. */
export const SPECIAL_FOLDS: Readonly<Record<string, string>> = { ı: 'i', ł: 'l', đ: 'd', ø: 'o', ё: 'е' };

/** Opening bracket/quote -> closing counterpart; a code wrapped in these is being highlighted. */
export const BRACKETS: ReadonlyMap<string, string> = new Map([
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['<', '>'],
  ['"', '"'],
  ["'", "'"],
  ['«', '»'],
  ['»', '«'],
  ['“', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['‹', '›'],
  ['【', '】'],
  ['「', '」'],
  ['『', '』'],
  ['〔', '〕'],
  ['《', '》'],
  ['〈', '〉'],
  ['*', '*'],
  ['_', '_'],
  ['~', '~'],
  ['`', '`'],
]);

/** Characters that can open a highlighted code; stripped when looking for ':' / 'is' lead-ins. */
export const OPENERS: ReadonlySet<string> = new Set(BRACKETS.keys());
