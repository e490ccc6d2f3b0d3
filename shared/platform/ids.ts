import { ulid } from 'ulid';

/** Opaque, unguessable, time-ordered ids with a type prefix: `conv_01J...` (ULID: 48-bit time + 80 random bits). */
export const newId = (prefix: string): string => `${prefix}_${ulid()}`;

/** `usr_` + the Cognito `sub` without dashes: the authorizer derives the user key from a verified token. */
export const userIdFromSub = (sub: string): string => `usr_${sub.replaceAll('-', '').toLowerCase()}`;
