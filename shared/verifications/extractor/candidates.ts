/**
 * Candidate enumeration: digit groups (also split by one space, dash or dot, and uneven groups),
 * uppercase alphanumeric tokens and dash-split ones, skipping anything inside a link.
 */
import { isAsciiAlnum, isAsciiDigit, isAsciiLower, isAsciiUpper } from './chars';
import { GLUED_LEAD_INS } from './data/code-words';
import { UPPERCASE_STOPWORDS } from './data/vocabulary';
import { isDateShape } from './structure';

/** A candidate during scoring, in normalised-text coordinates. */
export interface Candidate {
  start: number;
  end: number;
  code: string;
  /** Uppercase letters + digits token (Steam Guard style) rather than a digit code. */
  alnum: boolean;
  /** Letters only (only accepted for Steam-like contexts). */
  lettersOnly: boolean;
  /** Hard veto: inside a link, part of a phone number, ... */
  excluded: boolean;
  /** Structural adjustments decided while enumerating (fragments, dates, glued digits). */
  adjust: number;
  score: number;
  /** Start of the digit chain the candidate was cut from ("915 04800"): decoy words label it whole. */
  chainStart?: number;
  /** Set by scoring: a digit code with no decoy cue at all (structure, keywords, shape). */
  clean?: boolean;
  /** Set by scoring: a code keyword around the candidate names it. */
  named?: boolean;
  /** A lone 3-digit number: a code only right after a strong code word ("PIN 381", "code: 438"). */
  short?: boolean;
  /** Letters of both cases and digits ("hV4pT9"): a case-sensitive code only where a code word names it. */
  mixedCase?: boolean;
}

/** A maximal run of ASCII letters/digits in the normalised text. */
export interface Word {
  start: number;
  end: number;
  digitsOnly: boolean;
}

export function collectWords(text: string, inUrl: Uint8Array): Word[] {
  const words: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiAlnum(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let digitsOnly = true;
    let url = false;
    while (i < n && isAsciiAlnum(text[i])) {
      if (!isAsciiDigit(text[i])) digitsOnly = false;
      if (inUrl[i]) url = true;
      i++;
    }
    if (!url) words.push({ start, end: i, digitsOnly });
  }
  return words;
}

/**
 * Is the digit chain starting at `start` written like a phone number? "+1 ...", "(800) 555-1234".
 * (Chains of 9+ digits are caught separately by their length.)
 */
function looksLikePhonePrefix(text: string, start: number): boolean {
  let p = start - 1;
  if (text[p] === '+') return true;
  if (text[p] === ' ') p--;
  if (text[p] !== ')') return false;
  p--;
  let digits = 0;
  while (p >= 0 && isAsciiDigit(text[p])) {
    p--;
    digits++;
  }
  return digits >= 2 && digits <= 5 && text[p] === '(';
}

/**
 * Digit candidates. Adjacent digit words separated by exactly one space, dash or dot form a
 * chain ("904 118", "9-0-4-1-1-8", "+1 415 555 0123", "2024-05-01"). Every contiguous
 * sub-chain whose groups have equal length (or are single digits) and 4-8 digits in total is a
 * candidate, as is each single group of 4-8 digits, and a lone group of 3 (a `short` candidate). Whole-chain shape then decides: phone
 * numbers veto all their parts, dates and unequal dash/dot groupings penalise them.
 */
function digitCandidates(text: string, words: readonly Word[]): Candidate[] {
  const out: Candidate[] = [];
  let w = 0;
  while (w < words.length) {
    const first = words[w];
    if (!first) break;
    if (!first.digitsOnly) {
      w++;
      continue;
    }
    const chain: Word[] = [first];
    const seps: string[] = [];
    let k = w + 1;
    for (; k < words.length; k++) {
      const prev = chain[chain.length - 1];
      const next = words[k];
      if (!prev || !next?.digitsOnly || next.start !== prev.end + 1) break;
      const sep = text.charAt(prev.end);
      if (sep !== ' ' && sep !== '-' && sep !== '.') break;
      chain.push(next);
      seps.push(sep);
    }
    w = k;
    // (a loop, not push(...spread): a 50 KB chain would overflow the call stack)
    for (const cand of chainCandidates(text, chain, seps)) out.push(cand);
  }
  return out;
}

function chainCandidates(text: string, chain: readonly Word[], seps: readonly string[]): Candidate[] {
  const groups = chain.map((g) => text.slice(g.start, g.end));
  const total = groups.reduce((sum, g) => sum + g.length, 0);
  const firstWord = chain[0];
  if (!firstWord) return [];
  // Phone numbers veto every part of themselves, so there is nothing to enumerate. Nine or more
  // digits in dashed/dotted groups, three or more groups, or two groups opening with a trunk '0'
  // ("030 12345678", "07700 900123") are phone numbers; two plain groups such as "482910 2024"
  // are just two numbers side by side.
  const punctuated = seps.some((sep) => sep !== ' ');
  const trunkPrefix = text[firstWord.start] === '0';
  const longPhone = total >= 9 && chain.length >= 2 && (punctuated || chain.length >= 3 || trunkPrefix);
  if (looksLikePhonePrefix(text, firstWord.start) || longPhone) return [];
  if (chain.length === 1 && total === 3) {
    return [
      {
        start: firstWord.start,
        end: firstWord.end,
        code: groups[0] ?? '',
        alnum: false,
        lettersOnly: false,
        excluded: false,
        adjust: 0,
        score: 0,
        short: true,
      },
    ];
  }
  const punctSeps = seps.filter((sep) => sep !== ' ');
  const uniformPunct = punctSeps.length === seps.length && new Set(seps).size === 1;
  const date = uniformPunct && isDateShape(groups);
  // Unequal dash/dot groupings ("555-1234", "123-45-67", "12345678-0001") are phone numbers,
  // order numbers or amounts; their fragments are not codes.
  const lengths = new Set(groups.map((g) => g.length));
  const irregularPunct = chain.length >= 2 && punctSeps.length > 0 && lengths.size > 1;

  const found: { i: number; j: number; code: string }[] = [];
  /** Longest sub-chain found starting at each group, to test containment in O(8) per candidate. */
  const longestFrom = new Int32Array(groups.length).fill(-1);
  for (let i = 0; i < groups.length; i++) {
    let digits = 0;
    for (let j = i; j < groups.length; j++) {
      const g = groups[j] ?? '';
      digits += g.length;
      if (digits > 8) break;
      if (j > i && seps[j - 1] !== seps[i]) break;
      const firstLen = groups[i]?.length ?? 0;
      if (j > i && g.length !== firstLen) break;
      const count = j - i + 1;
      if (digits < 4) continue;
      if (count > 1 && firstLen === 1 && count < 4) continue;
      found.push({ i, j, code: groups.slice(i, j + 1).join('') });
      longestFrom[i] = j;
    }
  }
  // Uneven groups written as one code ("48 2917", "1 234 56", "77-0319"): the whole chain is a
  // candidate when every group is short, the total fits a code and the groups are not a date.
  const sameSep = new Set(seps).size === 1 && seps[0] !== '.';
  const uneven =
    chain.length >= 2 &&
    sameSep &&
    lengths.size > 1 &&
    groups.every((g) => g.length <= 4) &&
    total >= 5 &&
    total <= 8 &&
    !isDateShape(groups);
  // Thousands written with spaces ("150 000", "1 250 000"): an amount, not a code.
  const thousands =
    chain.length >= 2 &&
    seps.every((sep) => sep === ' ') &&
    groups.slice(1).every((g) => g.length === 3) &&
    groups[groups.length - 1] === '000';
  const parts = found.map(({ i, j, code }) => {
    const startWord = chain[i];
    const endWord = chain[j];
    const whole = i === 0 && j === chain.length - 1;
    let adjust = 0;
    if (!whole) {
      // Sub-chains span at most 8 groups, so only starts within 7 groups to the left can contain us.
      let containedInLarger = false;
      for (let o = Math.max(0, i - 7); o <= i && !containedInLarger; o++) {
        const oj = longestFrom[o] ?? -1;
        if (oj >= j && oj - o > j - i) containedInLarger = true;
      }
      const leftSep = i > 0 ? seps[i - 1] : undefined;
      const rightSep = j < chain.length - 1 ? seps[j] : undefined;
      const punctNeighbour =
        (leftSep !== undefined && leftSep !== ' ') || (rightSep !== undefined && rightSep !== ' ');
      // A dotted/dashed part that is a date on its own: "12.06" in "12.06 14:20".
      const partDate = j > i && seps[i] !== ' ' && isDateShape(groups.slice(i, j + 1));
      if (date || partDate) adjust -= 2.5;
      else if (punctNeighbour && (irregularPunct || chain.length > 2)) adjust -= 2.5;
      else if (punctNeighbour) adjust -= 1.2;
      else if (containedInLarger) adjust -= 0.8;
    } else if (date) {
      adjust -= 1.5;
    }
    return {
      start: startWord?.start ?? 0,
      end: endWord?.end ?? 0,
      code,
      alnum: false,
      lettersOnly: false,
      excluded: false,
      adjust: (uneven ? adjust - 0.8 : adjust) - (thousands ? 1.5 : 0),
      score: 0,
      chainStart: firstWord.start,
    };
  });
  if (uneven) {
    const lastWord = chain[chain.length - 1];
    parts.push({
      start: firstWord.start,
      end: lastWord?.end ?? firstWord.end,
      code: groups.join(''),
      alnum: false,
      lettersOnly: false,
      excluded: false,
      adjust: (seps[0] === ' ' ? -0.1 : -0.4) - (thousands ? 1.5 : 0),
      score: 0,
      chainStart: firstWord.start,
    });
  }
  return parts;
}

/** Counts digits and letters (and lowercase ones) of a token; `null` when it holds anything else. */
function alnumClasses(token: string): { digits: number; letters: number; lower: number } | null {
  let digits = 0;
  let letters = 0;
  let lower = 0;
  for (const ch of token) {
    if (isAsciiDigit(ch)) digits++;
    else if (isAsciiUpper(ch)) letters++;
    else if (isAsciiLower(ch)) {
      letters++;
      lower++;
    } else return null;
  }
  return { digits, letters, lower };
}

/**
 * Alphanumeric codes written as 2-3 dash-joined groups of 2-5 characters ("K7P-4QX",
 * "2RC9-KM7Q", "AB1-CD2-EF3"): pushes the joined code and returns the indices of the words used,
 * so the groups on their own are penalised as fragments. Longer dash chains (licence keys) and
 * chains of very different group lengths are not codes to type.
 */
function dashedAlnumPairs(text: string, words: readonly Word[], out: Candidate[]): Set<number> {
  const paired = new Set<number>();
  let w = 0;
  while (w < words.length) {
    let end = w;
    while (end + 1 < words.length) {
      const a = words[end];
      const b = words[end + 1];
      if (!a || !b || text[a.end] !== '-' || b.start !== a.end + 1) break;
      end++;
    }
    const group = words.slice(w, end + 1);
    w = end + 1;
    if (group.length < 2 || group.length > 3) continue;
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last || text[first.start - 1] === '-') continue;
    const lens = group.map((g) => g.end - g.start);
    if (Math.min(...lens) < 2 || Math.max(...lens) > 5 || Math.max(...lens) - Math.min(...lens) > 1) continue;
    // A group may be digits only ("ABC-123"): the joined code still needs letters and digits.
    let digits = 0;
    let letters = 0;
    let lower = 0;
    let valid = true;
    for (const g of group) {
      const c = alnumClasses(text.slice(g.start, g.end));
      if (!c) valid = false;
      else {
        digits += c.digits;
        letters += c.letters;
        lower += c.lower;
      }
    }
    if (!valid || digits === 0 || letters === 0 || digits + letters > 12) continue;
    // Lowercase only as a case-sensitive code ("pX7m-2Kq9"): both cases, named by a code word.
    if (lower === letters) continue;
    out.push({
      start: first.start,
      end: last.end,
      code: group.map((g) => text.slice(g.start, g.end)).join(''),
      alnum: true,
      lettersOnly: false,
      excluded: false,
      adjust: 0,
      score: 0,
      ...(lower > 0 ? { mixedCase: true } : {}),
    });
    for (let k = w - group.length; k < w; k++) paired.add(k);
  }
  return paired;
}

/**
 * Candidates from words that contain letters: uppercase alphanumeric tokens ("Q4W8M",
 * "7K2PD"), and digit runs glued to letters ("Office2019", "XX1234") which are penalised but kept
 * so they can lose visibly to the real code.
 */
function mixedCandidates(text: string, words: readonly Word[]): Candidate[] {
  const out: Candidate[] = [];
  const paired = dashedAlnumPairs(text, words, out);
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    if (!word || word.digitsOnly) continue;
    const half = paired.has(w) ? -1.2 : 0;
    const token = text.slice(word.start, word.end);
    let hasDigit = false;
    let hasLower = false;
    for (const ch of token) {
      if (isAsciiDigit(ch)) hasDigit = true;
      else if (isAsciiLower(ch)) hasLower = true;
    }
    const masked = /^X{2,}\d+$|^\d+X{2,}$|XXX/.test(token) && token.length <= 24;
    // "hV4pT9", "Kx7PQ2": both cases and digits, a case-sensitive code where a code word names it.
    const mixedCase = hasLower && hasDigit && /[A-Z]/.test(token) && token.length >= 5 && token.length <= 10;
    if (mixedCase && !paired.has(w)) {
      out.push({
        start: word.start,
        end: word.end,
        code: token,
        alnum: true,
        lettersOnly: false,
        excluded: false,
        adjust: 0,
        score: 0,
        mixedCase: true,
      });
    }
    if (!hasLower && !masked && token.length >= 4 && token.length <= (hasDigit ? 10 : 8)) {
      out.push({
        start: word.start,
        end: word.end,
        code: token,
        alnum: true,
        lettersOnly: !hasDigit,
        excluded: !hasDigit && UPPERCASE_STOPWORDS.has(token),
        adjust: half,
        score: 0,
      });
    }
    if (!hasDigit) continue;
    // Digit runs inside the word.
    let i = word.start;
    while (i < word.end) {
      if (!isAsciiDigit(text[i])) {
        i++;
        continue;
      }
      const s = i;
      while (i < word.end && isAsciiDigit(text[i])) i++;
      const len = i - s;
      if (len >= 4 && len <= 8) {
        // Glued to the word that names it ("OTP551204", "code is551204"): a typo, not an id.
        const named =
          s > word.start && i === word.end && GLUED_LEAD_INS.has(text.slice(word.start, s).toLowerCase());
        out.push({
          start: s,
          end: i,
          code: text.slice(s, i),
          alnum: false,
          lettersOnly: false,
          excluded: false,
          adjust: (masked ? -3 : named ? -0.2 : -1.6) + half,
          score: 0,
        });
      }
    }
  }
  return out;
}

/**
 * Every candidate of a message. A digit group that is half of a dash-joined alphanumeric code
 * ("123" in "ABC-123", "4417" in "4417-KQ7M") is a fragment of it, penalised like the letter halves.
 */
export function collectCandidates(text: string, words: readonly Word[]): Candidate[] {
  const mixed = mixedCandidates(text, words);
  const inJoined = new Uint8Array(text.length);
  for (const c of mixed)
    if (c.alnum && text.slice(c.start, c.end).includes('-')) inJoined.fill(1, c.start, c.end);
  const digits = digitCandidates(text, words);
  for (const c of digits) if (inJoined[c.start]) c.adjust -= 1.2;
  return [...digits, ...mixed];
}
