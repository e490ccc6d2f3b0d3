import { api } from './client';
import { getTokens, setTokens } from './tokens';
import type { LoginResponse } from './types';

export interface RegisterInput {
  readonly email: string;
  readonly username: string;
  readonly password: string;
  readonly fullName?: string;
}

export const register = (input: RegisterInput) =>
  api<{ userId: string; email: string }>('/v1/auth/register', { body: input, auth: false });

export const verifyEmail = (email: string, code: string) =>
  api<{ emailVerified: true }>('/v1/auth/verify-email', { body: { email, code }, auth: false });

export const resendVerification = (email: string) =>
  api<void>('/v1/auth/resend-verification', { body: { email }, auth: false });

export async function login(emailOrUsername: string, password: string): Promise<void> {
  const tokens = await api<LoginResponse>('/v1/auth/login', {
    body: { email: emailOrUsername, password },
    auth: false,
  });
  setTokens({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

/** Server-side logout (both tokens revoked); the local session ends even if the call fails. */
/** Revokes the session on the server (access and refresh token), then forgets it locally. */
export async function logout(): Promise<void> {
  const tokens = getTokens();
  try {
    if (tokens) await api<void>('/v1/auth/logout', { body: { refreshToken: tokens.refreshToken } });
  } finally {
    setTokens(null);
  }
}

export const forgotPassword = (email: string) =>
  api<void>('/v1/auth/forgot-password', { body: { email }, auth: false });

export const resetPassword = (email: string, code: string, newPassword: string) =>
  api<void>('/v1/auth/reset-password', { body: { email, code, newPassword }, auth: false });
