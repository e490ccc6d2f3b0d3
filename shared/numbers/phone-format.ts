import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import phoneFormats from './phone-formats.json';
import phoneMetadata from './phone-metadata.json';
import { PLAN_FORMATS } from './phone-plan';

type Plans = Record<string, unknown[]>;

let withFormats: MetadataJson | undefined;

/** ./phone-metadata.json with the formatting rules of ./phone-formats.json put back (tools/phone-metadata.ts). */
function formattingMetadata(): MetadataJson {
  const restore = (plans: Plans, formats: Record<string, unknown>): Plans =>
    Object.fromEntries(
      Object.entries(plans).map(([id, plan]) => {
        const copy = [...plan];
        if (formats[id] !== undefined) copy[PLAN_FORMATS] = formats[id];
        return [id, copy];
      }),
    );
  withFormats ??= {
    ...phoneMetadata,
    countries: restore(phoneMetadata.countries as unknown as Plans, phoneFormats.countries),
    nonGeographic: restore(phoneMetadata.nonGeographic as unknown as Plans, phoneFormats.nonGeographic),
  } as unknown as MetadataJson;
  return withFormats;
}

/** A number's national and international written forms (`(415) 555-0123`, `+1 415 555 0123`). */
export function formatPhone(value: string): { national: string; international: string } | undefined {
  const parsed = parsePhoneNumberFromString(value, formattingMetadata());
  return parsed
    ? { national: parsed.formatNational(), international: parsed.formatInternational() }
    : undefined;
}
