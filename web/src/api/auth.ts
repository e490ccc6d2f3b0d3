import { anonymous, api, type RequestBody, unwrap } from './client';
import { getTokens, setTokens } from './tokens';

export type RegisterInput = RequestBody<'register'>;

export const register = (input: RegisterInput) =>
  unwrap(anonymous().POST('/v1/auth/register', { body: input }));

export const verifyEmail = (email: string, code: string) =>
  unwrap(anonymous().POST('/v1/auth/verify-email', { body: { email, code } }));

export const resendVerification = (email: string) =>
  unwrap(anonymous().POST('/v1/auth/resend-verification', { body: { email } }));

export async function login(emailOrUsername: string, password: string): Promise<void> {
  const tokens = await unwrap(
    anonymous().POST('/v1/auth/login', { body: { email: emailOrUsername, password } }),
  );
  setTokens({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

/** Revokes the session on the server (access and refresh token), then forgets it locally. */
export async function logout(): Promise<void> {
  const tokens = getTokens();
  try {
    if (tokens) await unwrap(api().POST('/v1/auth/logout', { body: { refreshToken: tokens.refreshToken } }));
  } finally {
    setTokens(null);
  }
}

export const forgotPassword = (email: string) =>
  unwrap(anonymous().POST('/v1/auth/forgot-password', { body: { email } }));

export const resetPassword = (email: string, code: string, newPassword: string) =>
  unwrap(anonymous().POST('/v1/auth/reset-password', { body: { email, code, newPassword } }));
