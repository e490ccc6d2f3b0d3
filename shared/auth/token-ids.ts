/**
 * Denylist and session-link id of an access token (its `jti`). Apart from ./sessions.ts so that
 * the authorizers, which read these links without ElectroDB, need not import the session writes.
 */
export const accessTokenId = (jti: string) => `at:${jti}`;
