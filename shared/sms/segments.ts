/**
 * SMS segmentation (3GPP TS 23.038 / 23.040).
 *
 * A single SMS carries 140 bytes: 160 GSM-7 septets or 70 UCS-2 code units. A longer body is
 * sent as a concatenated SMS whose parts each lose 6 bytes to the user data header, leaving
 * 153 septets or 67 code units per part. Characters of the GSM-7 extension table (`€ [ ] { } ^ ~ \ |`
 * and form feed) take two septets (escape + char) and are never split across parts; a UTF-16
 * surrogate pair (most emoji) is never split either. One character outside GSM-7 switches the whole
 * message to UCS-2. Carriers bill per part, so the part count is recorded with each message.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface Segmentation {
  readonly encoding: SmsEncoding;
  /** Number of SMS parts the body is sent as (at least 1). */
  readonly segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole body. */
  readonly units: number;
  /** Units one part can hold for this body (160/153 GSM-7, 70/67 UCS-2). */
  readonly unitsPerSegment: number;
  /** The body split as the carrier will split it. */
  readonly parts: readonly string[];
}

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** GSM 03.38 default alphabet (the escape code 0x1B is not a character of its own). */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: each is sent as escape + char, two septets. */
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

/** Septets a character takes in GSM-7, or undefined when it has no GSM-7 encoding. */
function gsmSeptets(char: string): 1 | 2 | undefined {
  if (GSM7_BASIC.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return undefined;
}

export const isGsm7 = (body: string): boolean => {
  for (const char of body) if (gsmSeptets(char) === undefined) return false;
  return true;
};

/**
 * Splits `body` into the parts a carrier sends. Iterating with `for...of` walks code points,
 * so surrogate pairs stay whole; each code point is weighed in the chosen encoding.
 */
export function segmentSms(body: string): Segmentation {
  const gsm = isGsm7(body);
  const weigh = gsm ? (char: string) => gsmSeptets(char) ?? 1 : (char: string) => char.length;
  const single = gsm ? GSM7_SINGLE : UCS2_SINGLE;
  const multi = gsm ? GSM7_MULTI : UCS2_MULTI;
  const chars = [...body];
  const units = chars.reduce((sum, char) => sum + weigh(char), 0);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units <= single) {
    return { encoding, segments: 1, units, unitsPerSegment: single, parts: [body] };
  }
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const weight = weigh(char);
    if (used + weight > multi) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += weight;
  }
  if (current !== '') parts.push(current);
  return { encoding, segments: parts.length, units, unitsPerSegment: multi, parts };
}

/** Number of SMS parts `body` is billed as. */
export const segmentCount = (body: string): number => segmentSms(body).segments;
