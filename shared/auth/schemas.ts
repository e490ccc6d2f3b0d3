import * as z from '../platform/zod';
import { email, nonEmptyString, password, text, username } from '../platform/http/schemas';

export const registerBody = /* @__PURE__ */ z.strictObject({
  email,
  username,
  password,
  fullName: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(1, 100)),
});

export const verifyEmailBody = /* @__PURE__ */ z.strictObject({
  email,
  code: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.regex(/^\d{6}$/, { message: 'The code has 6 digits.' })),
});

export const emailOnlyBody = /* @__PURE__ */ z.strictObject({ email });

/** `email` accepts an email address or a username (../shared/API.md). */
export const loginBody = /* @__PURE__ */ z.strictObject({
  email: /* @__PURE__ */ z.pipe(
    /* @__PURE__ */ z
      .string()
      .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(254)),
    /* @__PURE__ */ z.transform((v: string) => v.toLowerCase()),
  ),
  password: /* @__PURE__ */ nonEmptyString(256),
});

const token = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.minLength(1),
    /* @__PURE__ */ z.maxLength(8192),
    /* @__PURE__ */ z.regex(/^[A-Za-z0-9._~+/=-]+$/, { message: 'Malformed token.' }),
  );

export const refreshBody = /* @__PURE__ */ z.strictObject({ refreshToken: token });
/** Logout may be sent without a body. */
export const logoutBody = /* @__PURE__ */ z.optional(
  /* @__PURE__ */ z.strictObject({ refreshToken: /* @__PURE__ */ z.optional(token) }),
);

export const resetPasswordBody = /* @__PURE__ */ z.strictObject({
  email,
  code: /* @__PURE__ */ z
    .string()
    .check(/* @__PURE__ */ z.regex(/^\d{6}$/, { message: 'The code has 6 digits.' })),
  newPassword: password,
});

// Responses

export const publicUserSchema = /* @__PURE__ */ z
  .object({
    userId: z.string(),
    email: z.string(),
    username: z.string(),
    fullName: z.string(),
    emailVerified: z.boolean(),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'RegisteredUser' }));

export const emailVerifiedSchema = /* @__PURE__ */ z.object({
  emailVerified: /* @__PURE__ */ z.literal(true),
});

export const tokensSchema = /* @__PURE__ */ z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    idToken: z.optional(z.string()),
    expiresIn: z
      .number()
      .check(z.int())
      .check(z.meta({ description: 'Seconds until the access token expires.' })),
    tokenType: z.literal('Bearer'),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Tokens' }));

export const refreshedTokensSchema = /* @__PURE__ */ z.object({
  accessToken: /* @__PURE__ */ z.string(),
  refreshToken: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  idToken: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  expiresIn: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int()),
  tokenType: /* @__PURE__ */ z.literal('Bearer'),
});
