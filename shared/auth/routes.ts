import { defineRoute } from '../platform/http/route';
import {
  emailOnlyBody,
  emailVerifiedSchema,
  publicUserSchema,
  refreshedTokensSchema,
  tokensSchema,
  loginBody,
  logoutBody,
  refreshBody,
  registerBody,
  resetPasswordBody,
  verifyEmailBody,
} from './schemas';

export const registerRoute = /* @__PURE__ */ defineRoute({
  id: 'register',
  method: 'POST',
  path: '/v1/auth/register',
  handler: 'auth/register',
  auth: 'public',
  summary: 'Create an account; a 6-digit verification code is emailed.',
  body: registerBody,
  successStatus: 201,
  responses: { 201: { schema: publicUserSchema } },
  problems: { 409: ['email_taken', 'username_taken'] },
});

export const verifyEmailRoute = /* @__PURE__ */ defineRoute({
  id: 'verifyEmail',
  method: 'POST',
  path: '/v1/auth/verify-email',
  handler: 'auth/verify-email',
  auth: 'public',
  summary: 'Confirm the email address with the emailed code.',
  body: verifyEmailBody,
  responses: { 200: { schema: emailVerifiedSchema } },
  problems: { 400: ['invalid_code'], 429: ['too_many_attempts'] },
});

export const resendVerificationRoute = /* @__PURE__ */ defineRoute({
  id: 'resendVerification',
  method: 'POST',
  path: '/v1/auth/resend-verification',
  handler: 'auth/resend-verification',
  auth: 'public',
  summary: 'Send a new verification code (202 also for unknown emails).',
  body: emailOnlyBody,
  successStatus: 202,
  responses: { 202: { description: 'Accepted (also for unknown emails).' } },
});

export const loginRoute = /* @__PURE__ */ defineRoute({
  id: 'login',
  method: 'POST',
  path: '/v1/auth/login',
  handler: 'auth/login',
  auth: 'public',
  summary: 'Log in with email or username and password.',
  body: loginBody,
  responses: { 200: { schema: tokensSchema } },
  problems: { 401: ['invalid_credentials'], 403: ['email_not_verified'] },
});

export const refreshRoute = /* @__PURE__ */ defineRoute({
  id: 'refresh',
  method: 'POST',
  path: '/v1/auth/refresh',
  handler: 'auth/refresh',
  auth: 'public',
  summary: 'Exchange a refresh token for a new access token.',
  body: refreshBody,
  responses: { 200: { schema: refreshedTokensSchema } },
  problems: { 401: ['unauthorized'] },
});

export const logoutRoute = /* @__PURE__ */ defineRoute({
  id: 'logout',
  method: 'POST',
  path: '/v1/auth/logout',
  handler: 'auth/logout',
  auth: 'user',
  summary: 'Revoke this session: the access and refresh tokens are rejected from now on.',
  body: logoutBody,
  successStatus: 204,
  responses: { 204: { description: 'Logged out.' } },
});

export const forgotPasswordRoute = /* @__PURE__ */ defineRoute({
  id: 'forgotPassword',
  method: 'POST',
  path: '/v1/auth/forgot-password',
  handler: 'auth/forgot-password',
  auth: 'public',
  summary: 'Email a password reset code (202 also for unknown emails).',
  body: emailOnlyBody,
  successStatus: 202,
  responses: { 202: { description: 'Accepted (also for unknown emails).' } },
});

export const resetPasswordRoute = /* @__PURE__ */ defineRoute({
  id: 'resetPassword',
  method: 'POST',
  path: '/v1/auth/reset-password',
  handler: 'auth/reset-password',
  auth: 'public',
  summary: 'Set a new password with the emailed reset code.',
  body: resetPasswordBody,
  successStatus: 204,
  responses: { 204: { description: 'Password changed.' } },
  problems: { 400: ['invalid_code'], 429: ['too_many_attempts'] },
});

export const authRoutes = [
  registerRoute,
  verifyEmailRoute,
  resendVerificationRoute,
  loginRoute,
  refreshRoute,
  logoutRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
] as const;
