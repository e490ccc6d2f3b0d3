import type { UserItem } from '../accounts/entities/user';
import { Conflict } from '../platform/errors';
import { db } from './users-db';

/**
 * Reading users: what other contexts need from auth (a user by id, a user id by email or
 * username), apart from ./service.ts so that they do not load Cognito, email and the
 * registration and session code with it.
 */

export const emailTaken = () => new Conflict('email_taken', 'Email already registered');
export const usernameTaken = () => new Conflict('username_taken', 'Username taken');

export interface PublicUser {
  readonly userId: string;
  readonly email: string;
  readonly username: string;
  readonly fullName: string;
  readonly emailVerified: boolean;
}

export async function findUserIdBy(kind: 'email' | 'username', value: string): Promise<string | undefined> {
  const { data } = await db().entities.uniqueClaim.get({ kind, value }).go({ consistent: true });
  return data?.userId;
}

export async function getUser(userId: string): Promise<UserItem | undefined> {
  const { data } = await db().entities.user.get({ userId }).go({ consistent: true });
  return data ?? undefined;
}
