import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { isConditionalFailure } from '../db/errors';
import { db } from '../db/service';
import { ttlIn } from '../db/schema';

export type CodePurpose = 'verify-email' | 'reset-password';

const LIFETIME_SECONDS: Record<CodePurpose, number> = { 'verify-email': 24 * 3600, 'reset-password': 3600 };
/** After this many wrong guesses the code is burnt (10^6 codes, 5 guesses: 1 in 200,000). */
const MAX_ATTEMPTS = 5;

const hash = (userId: string, purpose: CodePurpose, code: string) =>
  createHash('sha256').update(`${userId}\u0000${purpose}\u0000${code}`).digest();

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
 * Checks a code and, if it matches, runs `action` and only then consumes the code — so a
 * failure in `action` (e.g. Cognito unavailable) leaves the code usable for a retry.
 * Wrong guesses are counted atomically; expired or burnt codes never match.
 */
export async function redeemCode(
  userId: string,
  purpose: CodePurpose,
  code: string,
  action: () => Promise<void>,
): Promise<boolean> {
  const codes = db().entities.emailCode;
  const { data } = await codes.get({ userId, purpose }).go({ consistent: true });
  if (!data || data.expiresAt < Date.now() || data.attempts >= MAX_ATTEMPTS) return false;
  const matches = timingSafeEqual(Buffer.from(data.codeHash, 'hex'), hash(userId, purpose, code));
  if (!matches) {
    await codes.patch({ userId, purpose }).add({ attempts: 1 }).go();
    return false;
  }
  await action();
  try {
    await codes
      .delete({ userId, purpose })
      .where((attr, op) => op.eq(attr.codeHash, data.codeHash))
      .go();
  } catch (error) {
    // A concurrent redemption of the same code already consumed it; the action is idempotent.
    if (!isConditionalFailure(error)) throw error;
  }
  return true;
}
