import * as z from 'zod';
import { isCleanString } from './json';

/** Building blocks shared by every context's request schemas. */

/** Text a person typed: trimmed, well-formed, no control characters. */
export const text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isCleanString, { message: 'Must not contain control characters or invalid Unicode.' });

/** Opaque prefixed id, e.g. conv_01J... (ULID, Crockford base32). */
export const prefixedId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), { message: `Must be a ${prefix}_ id.` });

export const limitParam = /* @__PURE__ */ z.coerce
  .number({ message: 'limit must be a number' })
  .int()
  .min(1)
  .max(100)
  .default(20);

/** Cursors are opaque base64url; their content is validated where they are decoded. */
export const cursorParam = /* @__PURE__ */ z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Invalid cursor.' })
  .optional();

export const pageQuery = /* @__PURE__ */ z.object({ limit: limitParam, cursor: cursorParam });

export const email = /* @__PURE__ */ z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Must be a valid email address.' }))
  .transform((v) => v.toLowerCase());

export const username = /* @__PURE__ */ z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_]{3,30}$/, { message: 'Username: 3 to 30 letters, digits or underscores.' })
  .transform((v) => v.toLowerCase());

/** Password policy (../shared/API.md): at least 10 characters with upper, lower and a digit. */
export const password = /* @__PURE__ */ z
  .string()
  .min(10, { message: 'Password must be at least 10 characters.' })
  .max(256)
  .refine((v) => /[a-z]/.test(v), { message: 'Password needs a lowercase letter.' })
  .refine((v) => /[A-Z]/.test(v), { message: 'Password needs an uppercase letter.' })
  .refine((v) => /[0-9]/.test(v), { message: 'Password needs a digit.' })
  .refine(isCleanString, { message: 'Password contains invalid characters.' });

export const emptyBody = /* @__PURE__ */ z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// Response building blocks (what handlers send; documented in /openapi.json, contract-checked)
// ---------------------------------------------------------------------------------------------

/** An ISO-8601 UTC timestamp as the API writes it. */
export const timestamp = /* @__PURE__ */ z
  .string()
  .meta({ format: 'date-time', examples: ['2026-12-04T10:00:00.000Z'] });

/** A cursor page: `{ items, nextCursor }` (../shared/API.md "Lists"). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as ?cursor= for the next page; null at the end.' }),
  });

export const hrefSchema = /* @__PURE__ */ z.object({ href: z.string() });
