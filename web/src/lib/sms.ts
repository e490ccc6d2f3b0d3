/**
 * Client-side SMS segment estimate (the server's shared/sms/segments.ts is authoritative): GSM-7
 * bodies take 160 characters in one segment, 153 per segment when split; anything outside GSM-7
 * switches to UCS-2 (70 / 67 UTF-16 units).
 */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXT = new Set('\f^{}\\[~]|€');

export interface SmsEstimate {
  readonly segments: number;
  readonly encoding: 'GSM-7' | 'UCS-2';
}

export function estimateSegments(body: string): SmsEstimate {
  if (body === '') return { segments: 0, encoding: 'GSM-7' };
  const chars = [...body];
  const gsm = chars.every((c) => GSM7.has(c) || GSM7_EXT.has(c));
  if (gsm) {
    const septets = chars.reduce((n, c) => n + (GSM7_EXT.has(c) ? 2 : 1), 0);
    return { segments: septets <= 160 ? 1 : Math.ceil(septets / 153), encoding: 'GSM-7' };
  }
  const units = body.length;
  return { segments: units <= 70 ? 1 : Math.ceil(units / 67), encoding: 'UCS-2' };
}

/** Destination country of an E.164 number for the marketplace countries (pricing lookup). */
export function countryOfNumber(phoneNumber: string): string | undefined {
  if (phoneNumber.startsWith('+44')) return 'GB';
  if (phoneNumber.startsWith('+49')) return 'DE';
  if (phoneNumber.startsWith('+33')) return 'FR';
  if (phoneNumber.startsWith('+1')) return 'US';
  return undefined;
}
