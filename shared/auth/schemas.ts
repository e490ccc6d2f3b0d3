import * as z from 'zod';
import { email, password, text, username } from '../platform/http/schemas';

export const registerBody = /* @__PURE__ */ z
  .object({ email, username, password, fullName: text(1, 100).optional() })
  .strict();

export const verifyEmailBody = /* @__PURE__ */ z
  .object({ email, code: z.string().regex(/^\d{6}$/, { message: 'The code has 6 digits.' }) })
  .strict();

export const emailOnlyBody = /* @__PURE__ */ z.object({ email }).strict();

/** `email` accepts an email address or a username (../shared/API.md). */
export const loginBody = /* @__PURE__ */ z
  .object({
    email: z
      .string()
      .trim()
      .min(1)
      .max(254)
      .transform((v) => v.toLowerCase()),
    password: z.string().min(1).max(256),
  })
  .strict();

const token = /* @__PURE__ */ z
  .string()
  .min(1)
  .max(8192)
  .regex(/^[A-Za-z0-9._~+/=-]+$/, { message: 'Malformed token.' });

export const refreshBody = /* @__PURE__ */ z.object({ refreshToken: token }).strict();
/** Logout may be sent without a body. */
export const logoutBody = /* @__PURE__ */ z.object({ refreshToken: token.optional() }).strict().optional();

export const resetPasswordBody = /* @__PURE__ */ z
  .object({
    email,
    code: z.string().regex(/^\d{6}$/, { message: 'The code has 6 digits.' }),
    newPassword: password,
  })
  .strict();

// Responses

export const publicUserSchema = /* @__PURE__ */ z
  .object({
    userId: z.string(),
    email: z.string(),
    username: z.string(),
    fullName: z.string(),
    emailVerified: z.boolean(),
  })
  .meta({ id: 'RegisteredUser' });

export const emailVerifiedSchema = /* @__PURE__ */ z.object({ emailVerified: z.literal(true) });

export const tokensSchema = /* @__PURE__ */ z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    idToken: z.string().optional(),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires.' }),
    tokenType: z.literal('Bearer'),
  })
  .meta({ id: 'Tokens' });

export const refreshedTokensSchema = /* @__PURE__ */ z.object({
  accessToken: z.string(),
  refreshToken: z.string().optional(),
  idToken: z.string().optional(),
  expiresIn: z.number().int(),
  tokenType: z.literal('Bearer'),
});
