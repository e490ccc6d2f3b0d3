/** Shapes of the extractor's data tables (./*.ts); pure types, no logic. */

/** What a keyword hit says about numbers near it ('modifier' only neutralises a following "code"). */
export type HitKind = 'code' | 'decoy' | 'promo' | 'modifier';

/**
 * `[phrase, weight, flags]`: `b` = must start a word, `e` = must end a word. Latin/Cyrillic
 * words get `b` to avoid matching inside unrelated words, but usually no `e`, because inflected
 * and compound forms are common ("kodunuz", "Bestätigungscode", "кодом"). CJK, Thai, Arabic and
 * Hebrew have no reliable word boundaries (or attach prefixes such as ال / ה), so no flags.
 */
export type KeywordSpec = readonly [phrase: string, weight: number, flags?: string];

/** Typical code shape per service, used only as a small tie-breaking boost. */
export interface ServiceFormat {
  /** Digit counts the service uses. */
  lengths?: readonly number[];
  /** Length of alphanumeric codes (Steam Guard uses 5 characters, sometimes letters only). */
  alnumLength?: number;
}
