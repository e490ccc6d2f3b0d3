/**
 * The zod of shared/ and functions/: zod/mini, whose schemas are built by functions instead of
 * methods, so a bundle keeps only the validators it calls (zod's classic API installs every
 * method on every schema it builds: ~70 KB and ~5 ms more cold start per function, bench probe
 * `platform:base`). Same core, same parsing; the English messages the API returns in
 * `validation_failed` are the ones classic zod loads by default, configured here once for every
 * schema (a bare `zod/mini` has none and says "Invalid input"). biome.json forbids importing
 * `zod` or `zod/mini` anywhere else in shared/ and functions/.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
export type { infer } from 'zod/v4/core';
