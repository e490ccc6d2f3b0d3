/**
 * Splits libphonenumber-js's "max" metadata in two files under shared/numbers/:
 * - phone-metadata.json: every numbering plan without its formatting rules (`formats`), which is
 *   what validating E.164 input and reading its country and line type need (./phone.ts);
 * - phone-formats.json: just those formatting rules, which only the marketplace detail uses
 *   (`formatPhone` in ./phone-format.ts puts them back).
 * A bundle that only validates numbers then carries a third less metadata, and one that also
 * formats carries the same as before. test/unit/numbers/phone-metadata.test.ts proves the answers
 * equal the max metadata's and fails when the files are stale (after a libphonenumber-js upgrade:
 * `npm run phone:metadata`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAN_FORMATS } from '../shared/numbers/phone-plan';

const DIR = join(__dirname, '..', 'shared', 'numbers');
export const PHONE_FILES = {
  metadata: join(DIR, 'phone-metadata.json'),
  formats: join(DIR, 'phone-formats.json'),
} as const;

type Plan = unknown[];
interface MetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, Plan>;
  nonGeographic?: Record<string, Plan>;
}
type Formats = { countries: Record<string, unknown>; nonGeographic: Record<string, unknown> };

function split(plans: Record<string, Plan>): [Record<string, Plan>, Record<string, unknown>] {
  const trimmed: Record<string, Plan> = {};
  const formats: Record<string, unknown> = {};
  for (const [id, plan] of Object.entries(plans)) {
    const copy = [...plan];
    if (copy.length > PLAN_FORMATS && copy[PLAN_FORMATS]) {
      formats[id] = copy[PLAN_FORMATS];
      // 0 is libphonenumber's "absent": the plan then falls back to its main country's formats.
      copy[PLAN_FORMATS] = 0;
    }
    trimmed[id] = copy;
  }
  return [trimmed, formats];
}

/** The two files' contents, from the installed libphonenumber-js. */
export function phoneFileTexts(): { metadata: string; formats: string } {
  const max = JSON.parse(
    readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8'),
  ) as MetadataJson;
  if (max.version !== 4) throw new Error(`libphonenumber-js metadata version ${max.version}: expected 4`);
  const [countries, countryFormats] = split(max.countries);
  const [nonGeographic, nonGeographicFormats] = split(max.nonGeographic ?? {});
  const metadata: MetadataJson = {
    version: max.version,
    country_calling_codes: max.country_calling_codes,
    countries,
    nonGeographic,
  };
  const formats: Formats = { countries: countryFormats, nonGeographic: nonGeographicFormats };
  return { metadata: `${JSON.stringify(metadata)}\n`, formats: `${JSON.stringify(formats)}\n` };
}

if (require.main === module) {
  const texts = phoneFileTexts();
  for (const key of ['metadata', 'formats'] as const) {
    writeFileSync(PHONE_FILES[key], texts[key]);
    console.log(`wrote ${PHONE_FILES[key]} (${texts[key].length} bytes)`);
  }
}
