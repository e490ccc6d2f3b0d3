import * as z from '../zod';
import { isCleanString } from './json';

/** Building blocks shared by every context's request schemas. */

/** Text a person typed: trimmed, well-formed, no control characters. */
export const text = (min: number, max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(min),
      z.maxLength(max),
      z.refine(isCleanString, { message: 'Must not contain control characters or invalid Unicode.' }),
    );

/** A string of 1 to `max` characters, as it is (machine-written values: ids, carrier fields). */
export const nonEmptyString = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/** Opaque prefixed id, e.g. conv_01J... (ULID, Crockford base32). */
export const prefixedId = (prefix: string) =>
  z
    .string()
    .check(
      z.regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), { message: `Must be a ${prefix}_ id.` }),
    );

export const limitParam = /* @__PURE__ */ z._default(
  /* @__PURE__ */ z.coerce
    .number({ message: 'limit must be a number' })
    .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
  20,
);

/** Cursors are opaque base64url; their content is validated where they are decoded. */
export const cursorParam = /* @__PURE__ */ z.optional(
  /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.maxLength(1024),
      /* @__PURE__ */ z.regex(/^[A-Za-z0-9_-]+$/, { message: 'Invalid cursor.' }),
    ),
);

export const pageQuery = /* @__PURE__ */ z.object({ limit: limitParam, cursor: cursorParam });

export const email = /* @__PURE__ */ z.pipe(
  /* @__PURE__ */ z.pipe(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(254)),
    /* @__PURE__ */ z.email({ message: 'Must be a valid email address.' }),
  ),
  /* @__PURE__ */ z.transform((v: string) => v.toLowerCase()),
);

export const username = /* @__PURE__ */ z.pipe(
  /* @__PURE__ */ z.string().check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.regex(/^[a-zA-Z0-9_]{3,30}$/, {
      message: 'Username: 3 to 30 letters, digits or underscores.',
    }),
  ),
  /* @__PURE__ */ z.transform((v: string) => v.toLowerCase()),
);

/** Password policy (../shared/API.md): at least 10 characters with upper, lower and a digit. */
export const password = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.minLength(10, { message: 'Password must be at least 10 characters.' }),
  /* @__PURE__ */ z.maxLength(256),
  /* @__PURE__ */ z.refine((v) => /[a-z]/.test(v), { message: 'Password needs a lowercase letter.' }),
  /* @__PURE__ */ z.refine((v) => /[A-Z]/.test(v), { message: 'Password needs an uppercase letter.' }),
  /* @__PURE__ */ z.refine((v) => /[0-9]/.test(v), { message: 'Password needs a digit.' }),
  /* @__PURE__ */ z.refine(isCleanString, { message: 'Password contains invalid characters.' }),
);

export const emptyBody = /* @__PURE__ */ z.strictObject({});

// ---------------------------------------------------------------------------------------------
// Response building blocks (what handlers send; documented in /openapi.json, contract-checked)
// ---------------------------------------------------------------------------------------------

/** An ISO-8601 UTC timestamp as the API writes it. */
export const timestamp = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.meta({ format: 'date-time', examples: ['2026-12-04T10:00:00.000Z'] }));

/** A cursor page: `{ items, nextCursor }` (../shared/API.md "Lists"). */
export const page = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .nullable(z.string())
      .check(z.meta({ description: 'Pass as ?cursor= for the next page; null at the end.' })),
  });

export const hrefSchema = /* @__PURE__ */ z.object({ href: /* @__PURE__ */ z.string() });
