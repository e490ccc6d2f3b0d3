/**
 * Naive baseline for the extractor's accuracy report: the first run of 4-8 consecutive ASCII
 * digits, bounded by non-digits, with no normalisation and no context. This is the rule most
 * ad-hoc SMS parsers start with, so the corpus measures how much the real extractor adds.
 */
const FIRST_RUN = /(?<![0-9])[0-9]{4,8}(?![0-9])/;

export function naiveExtract(sms: string): string | null {
  const match = FIRST_RUN.exec(sms);
  return match ? match[0] : null;
}
