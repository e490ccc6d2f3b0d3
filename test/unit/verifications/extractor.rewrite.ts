/**
 * Rewrites a corpus case into another message of the same shape: the code gets other digits
 * (and letters) of the same layout, every other number gets other digits (dates stay valid dates,
 * times valid times, years stay years, trunk prefixes stay), and the sender's name becomes an
 * invented one. If the extractor learnt shapes rather than messages, its accuracy on the
 * rewritten corpus matches its accuracy on the original.
 */
import { normalizeDigits } from '../../../shared/verifications/extractor';
import type { CorpusCase } from './extractor.corpus';

/** Deterministic PRNG (mulberry32) so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names that appear in the corpus messages (senders of the original cases included). */
const KNOWN_BRANDS = [
  'Google',
  'Telegram',
  'WhatsApp',
  'Microsoft',
  'Apple',
  'Amazon',
  'Facebook',
  'Instagram',
  'TikTok',
  'Uber',
  'Lyft',
  'Bolt',
  'Grab',
  'Discord',
  'Signal',
  'Snapchat',
  'Steam',
  'PayPal',
  'Netflix',
  'LinkedIn',
  'Yahoo',
];

const INVENTED_BRANDS = ['Zenvio', 'Kortexa', 'Plumly', 'Avantra', 'Nexora', 'Quibbo', 'Tavoro', 'Lumera'];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces whole-word occurrences of `name` (any case) by `other`, keeping lower/upper style. */
function renameBrand(sms: string, name: string, other: string): string {
  if (name.length < 3) return sms;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu');
  return sms.replace(re, (m) => {
    if (m === m.toLowerCase()) return other.toLowerCase();
    if (m === m.toUpperCase()) return other.toUpperCase();
    return other;
  });
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const digit = (r: () => number, from = 0): string => String(from + Math.floor(r() * (10 - from)));
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Writes ASCII digit `d` in the script of `original` (Bengali stays Bengali). */
function inScript(original: string, d: string): string {
  const cp = original.charCodeAt(0);
  const o = Number(normalizeDigits(original));
  if (cp >= 0x30 && cp <= 0x39) return d;
  return String.fromCharCode(cp - o + Number(d));
}

/** New code of the same layout: digits stay digits, letters letters; no year-like groups. */
function newCode(r: () => number, code: string, avoid: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    let out = '';
    for (const ch of code) out += /[0-9]/.test(ch) ? digit(r) : pick(r, [...UPPER]);
    const yearLike = /^(19|20)\d\d$/.test(out);
    if (!yearLike && out !== code && !avoid.has(out)) return out;
  }
  return code;
}

const pad = (n: number, len: number): string => String(n).padStart(len, '0').slice(-len);

/** Rewrites one case; `seed` picks digits and names. */
export function rewriteCase(c: CorpusCase, seed: number): CorpusCase {
  const r = rng(seed);
  let sms = c.sms;

  // 1. Sender names -> invented names.
  const names = new Set(KNOWN_BRANDS);
  if (c.sender) names.add(c.sender);
  for (const name of names) sms = renameBrand(sms, name, pick(r, INVENTED_BRANDS));

  // 2. The code, wherever it appears (with its own separators), in its own script.
  const ascii = normalizeDigits(sms);
  const protectedIdx = new Uint8Array(sms.length);
  let expected = c.expected;
  const chars = sms.split('');
  if (c.expected !== null) {
    const sep = '[-\\s.\\u00a0]{0,2}';
    const body = [...c.expected].map(escapeRegExp).join(sep);
    const re = new RegExp(`(?<![0-9A-Za-z])${body}(?![0-9A-Za-z])`, 'g');
    const numbers = new Set(ascii.match(/[0-9]{4,8}/g) ?? []);
    const next = newCode(r, c.expected, numbers);
    for (const m of ascii.matchAll(re)) {
      let k = 0;
      for (let i = m.index; i < m.index + m[0].length; i++) {
        const a = ascii[i] ?? '';
        if (!/[0-9A-Z]/.test(a)) continue;
        const replacement = next[k++] ?? a;
        chars[i] = /[0-9]/.test(a) ? inScript(chars[i] ?? a, replacement) : replacement;
        protectedIdx[i] = 1;
      }
    }
    if (protectedIdx.some((x) => x === 1)) expected = next;
  }

  // 3. Dates and times: other valid ones of the same layout.
  const dateRe =
    /(?<![0-9])([0-9]{1,4})([./-])([0-9]{1,2})(?:\2([0-9]{2,4}))?(?![0-9])|(?<![0-9])([0-9]{1,2}):([0-9]{2})(?![0-9])/g;
  for (const m of ascii.matchAll(dateRe)) {
    if ([...m[0]].some((_, o) => protectedIdx[m.index + o] === 1)) continue;
    let replacement: string | null = null;
    if (m[5] !== undefined && m[6] !== undefined) {
      if (Number(m[5]) <= 23 && Number(m[6]) <= 59)
        replacement = `${pad(Math.floor(r() * 24), m[5].length)}:${pad(Math.floor(r() * 60), 2)}`;
    } else if (m[1] && m[2] && m[3]) {
      const [a, s, b, y] = [m[1], m[2], m[3], m[4]];
      const day = 1 + Math.floor(r() * 28);
      const month = 1 + Math.floor(r() * 12);
      const year = 2019 + Math.floor(r() * 11);
      const fmtYear = (len: number): string => (len === 4 ? String(year) : pad(year % 100, len));
      if (a.length === 4 && Number(a) >= 1900 && Number(a) <= 2099 && Number(b) <= 12)
        replacement = `${year}${s}${pad(month, b.length)}${y ? `${s}${pad(day, y.length)}` : ''}`;
      else if (a.length <= 2 && Number(a) >= 1 && Number(a) <= 31 && Number(b) >= 1 && Number(b) <= 12)
        replacement = `${pad(day, a.length)}${s}${pad(month, b.length)}${y ? `${s}${fmtYear(y.length)}` : ''}`;
    }
    if (replacement === null || replacement.length !== m[0].length) continue;
    for (let o = 0; o < replacement.length; o++) {
      const i = m.index + o;
      const rep = replacement[o] ?? '';
      if (/[0-9]/.test(rep)) chars[i] = inScript(chars[i] ?? rep, rep);
      protectedIdx[i] = 1;
    }
  }

  // 4. Every other number (amounts, phones, orders, durations): other digits, same length; the
  //    first digit stays (trunk '0', '+1', magnitude), years stay 19xx/20xx.
  for (const m of ascii.matchAll(/[0-9]+/g)) {
    const run = m[0];
    const keep = /^(19|20)\d\d$/.test(run) ? 2 : 1;
    for (let o = keep; o < run.length; o++) {
      const i = m.index + o;
      if (protectedIdx[i] === 1) continue;
      chars[i] = inScript(chars[i] ?? '0', digit(r));
    }
  }

  const out: CorpusCase = { ...c, sms: chars.join(''), expected };
  return out;
}
