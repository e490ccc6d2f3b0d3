/**
 * Shared shapes of the extractor's training corpus. A row is `[sms, expected, sender, lang]`:
 * `sender` and `lang` are metadata for the corpus statistics (services, languages) and are never
 * passed to the extractor.
 */
export type CorpusRow = readonly [sms: string, expected: string | null, sender: string, lang: string];
