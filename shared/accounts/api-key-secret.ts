import { createHash, randomBytes } from 'node:crypto';

/** Recognisable prefix, so leaked keys are easy to spot (secret scanners, logs). */
export const API_KEY_PREFIX = 'smsk_live_';
/** Characters of the key shown in lists and logs: enough to tell keys apart, useless to an attacker. */
const VISIBLE_CHARS = API_KEY_PREFIX.length + 6;

/** A new key: the prefix and 32 random bytes (256 bits) in base64url, 53 characters in all. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Keys are stored only as SHA-256. A slow hash (bcrypt, scrypt) protects low-entropy secrets
 * such as passwords against offline guessing; a 256-bit random secret cannot be guessed, so a
 * fast hash is as safe here and keeps the authorizer's lookup a single GetItem.
 */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export const visiblePrefix = (key: string): string => key.slice(0, VISIBLE_CHARS);

/** Cheap shape check before any database read. */
export const looksLikeApiKey = (key: string): boolean => /^smsk_live_[A-Za-z0-9_-]{43}$/.test(key);
