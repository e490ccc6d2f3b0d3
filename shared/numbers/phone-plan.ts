/**
 * Position of `formats` in a version 4 numbering plan of libphonenumber-js's metadata
 * (es6/metadata.js): tools/phone-metadata.ts moves them out, ./phone-format.ts puts them back.
 */
export const PLAN_FORMATS = 4;
