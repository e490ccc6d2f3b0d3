/**
 * The shape every held-out set of the extractor uses (./extractor.heldout*.ts): each was written
 * by its own author from the same conventions, stated in the set's header.
 */
export interface HeldOutCase {
  sms: string;
  expected: string | null;
  service: string;
  lang: string;
}

/** One case: `c(lang, service, expected, sms)`. */
export const c = (lang: string, service: string, expected: string | null, sms: string): HeldOutCase => ({
  sms,
  expected,
  service,
  lang,
});
