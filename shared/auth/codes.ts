import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './codes-db';
import { ttlIn } from '../platform/db/schema';
import { RateLimited } from '../platform/errors';
import { consume, type WindowLimit } from './abuse-limits';

export type CodePurpose = 'verify-email' | 'reset-password';

const LIFETIME_SECONDS: Record<CodePurpose, number> = { 'verify-email': 24 * 3600, 'reset-password': 3600 };
/** After this many wrong guesses the code is burnt (10^6 codes, 5 guesses: 1 in 200,000). */
const MAX_ATTEMPTS = 5;
/** Guesses per email address and purpose, across reissued codes (../shared/API.md). */
export const GUESS_LIMIT: WindowLimit = { max: 10, windowSeconds: 3600 };
/** Code emails per address and purpose: one per 60 s, 5 per hour. */
export const ISSUE_LIMIT: WindowLimit = { max: 5, windowSeconds: 3600, minGapSeconds: 60 };

const hash = (userId: string, purpose: CodePurpose, code: string) =>
  createHash('sha256').update(`${userId}\u0000${purpose}\u0000${code}`).digest();

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new RateLimited('too_many_attempts', 'Too many attempts', {
    detail: `Too many code attempts for this address. Retry in ${retryAfterSeconds} s with a new code.`,
    retryAfterSeconds: retryAfterSeconds,
    extensions: { retryAfter: retryAfterSeconds },
  });

/**
 * Whether a code email may go to `email` now (one per 60 s, 5 per hour per purpose). Counted
 * whether or not the address is registered, so the answer reveals nothing.
 */
export async function mayIssueCode(email: string, purpose: CodePurpose): Promise<boolean> {
  return (await consume(`issue:${purpose}`, email, ISSUE_LIMIT)).ok;
}

/** Issues a fresh 6-digit code (replacing any earlier one); only its hash is stored. */
export async function issueCode(userId: string, purpose: CodePurpose): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const lifetime = LIFETIME_SECONDS[purpose];
  await db()
    .entities.emailCode.put({
      userId,
      purpose,
      codeHash: hash(userId, purpose, code).toString('hex'),
      attempts: 0,
      expiresAt: Date.now() + lifetime * 1000,
      ttl: ttlIn(lifetime),
    })
    .go();
  return code;
}

/**
 * Checks a code for `email` (whose user may not exist: `userId` undefined) and, if it matches,
 * runs `action` and only then consumes the code — so a failure in `action` (e.g. Cognito
 * unavailable) leaves the code usable for a retry.
 *
 * Every attempt is counted BEFORE the comparison, each with one conditional write: first
 * against the address (10 per purpose per hour across reissued codes: 429 past it, even for
 * the right code), then against the code itself (burnt after 5). Parallel guesses therefore
 * cannot exceed either limit. Expired or burnt codes never match.
 */
export async function redeemCode(
  email: string,
  userId: string | undefined,
  purpose: CodePurpose,
  code: string,
  action: () => Promise<void>,
): Promise<boolean> {
  const allowed = await consume(`guess:${purpose}`, email, GUESS_LIMIT);
  if (!allowed.ok) throw tooManyAttempts(allowed.retryAfterSeconds);
  if (!userId) return false;
  const codes = db().entities.emailCode;
  const now = Date.now();
  let codeHash: string;
  try {
    const { data } = await codes
      .patch({ userId, purpose })
      .add({ attempts: 1 })
      .where((attr, op) => `${op.lt(attr.attempts, MAX_ATTEMPTS)} AND ${op.gt(attr.expiresAt, now)}`)
      .go({ response: 'all_new' });
    codeHash = data.codeHash;
  } catch (error) {
    // No code, an expired one or a burnt one.
    if (isConditionalFailure(error)) return false;
    throw error;
  }
  if (!timingSafeEqual(Buffer.from(codeHash, 'hex'), hash(userId, purpose, code))) return false;
  await action();
  try {
    await codes
      .delete({ userId, purpose })
      .where((attr, op) => op.eq(attr.codeHash, codeHash))
      .go();
  } catch (error) {
    // A concurrent redemption of the same code already consumed it; the action is idempotent.
    if (!isConditionalFailure(error)) throw error;
  }
  return true;
}
