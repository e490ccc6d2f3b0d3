import * as cognito from '../auth/cognito';
import { getUser } from '../auth/users';
import { revokeOtherSessions, validAfterNow } from '../auth/sessions';
import { isConditionalFailure } from '../platform/db/errors';
import { Forbidden, NotFound, RateLimited } from '../platform/errors';
import { logger } from '../platform/observability/logger';
import { closeAllConnections } from '../realtime/connections';
import { deleteWebhook, listWebhooks } from '../webhooks/service';
import { listApiKeys, revokeApiKey } from './api-keys';
import { db } from './deletion-request-db';

/**
 * `DELETE /v1/me`: what happens at once when a user asks for their account to be deleted (see
 * ./deletion.ts for the whole lifecycle and the job that works off the rest). Apart from the job,
 * so the route loads the user and deletion record alone, not every entity the job erases.
 */

export async function requestAccountDeletion(
  userId: string,
  password: string,
  now = new Date(),
): Promise<void> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  try {
    await cognito.passwordLogin(user.email, password);
  } catch (error) {
    const name = (error as Error).name;
    // InvalidParameterException: a "password" Cognito cannot even check (control characters).
    if (['NotAuthorizedException', 'UserNotFoundException', 'InvalidParameterException'].includes(name))
      throw new Forbidden('invalid_credentials', 'Invalid credentials', { detail: 'The password is wrong.' });
    if (name === 'LimitExceededException' || name === 'TooManyRequestsException')
      throw new RateLimited('rate_limited', 'Too many attempts', { retryAfterSeconds: 60 });
    throw error;
  }
  const at = now.toISOString();
  await db()
    .entities.user.patch({ userId })
    .set({ status: 'deleting', tokensValidAfter: validAfterNow(now.getTime()) })
    .remove(['keepSessionId'])
    .go();
  try {
    await db()
      .entities.accountDeletion.create({
        userId,
        email: user.email,
        username: user.username,
        status: 'pending',
        attempts: 0,
        requestedAt: at,
        queuedAt: at,
      })
      .go();
  } catch (error) {
    // Asked twice: the first request's record stands.
    if (!isConditionalFailure(error)) throw error;
  }
  await Promise.all([
    cognito.globalSignOut(user.email),
    revokeOtherSessions(userId, undefined),
    closeAllConnections(userId),
    revokeCredentials(userId),
  ]);
  logger.info('Account deletion requested', { userId });
}

/** API keys revoked, webhook endpoints removed (idempotent: only live ones are touched). */
export async function revokeCredentials(userId: string): Promise<void> {
  for (const key of await listApiKeys(userId)) {
    if (key.status === 'active') await ignoreNotFound(() => revokeApiKey(userId, key.id));
  }
  for (const hook of (await listWebhooks(userId)).items)
    await ignoreNotFound(() => deleteWebhook(userId, hook.id));
}

async function ignoreNotFound(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
  }
}
