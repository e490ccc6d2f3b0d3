import { getUser } from '../auth/service';
import { notFound } from '../http/errors';

export interface Profile {
  readonly userId: string;
  readonly email: string;
  readonly username: string;
  readonly fullName: string;
  readonly emailVerified: boolean;
  readonly plan: string;
  readonly balanceCents: number;
  readonly createdAt: string;
}

export async function getProfile(userId: string): Promise<Profile> {
  const user = await getUser(userId);
  if (!user) throw notFound('No such user.');
  return {
    userId: user.userId,
    email: user.email,
    username: user.username,
    fullName: user.fullName,
    emailVerified: user.emailVerified,
    plan: user.plan,
    balanceCents: user.balanceCents,
    createdAt: user.createdAt,
  };
}
