import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 Crockford base32 characters (80 bits) of SHA-256(input). */
function hashPart(input: string): string {
  const digest = createHash('sha256').update(input).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += CROCKFORD[digest[i]! & 31];
  return out;
}

/**
 * Deterministic ULID-shaped ids, so re-processing the same stream record (a retried batch, a
 * restarted poller) yields the same event and delivery ids and the conditional create dedupes:
 * the time part orders them like ordinary ULIDs, the rest is a hash of what identifies them.
 */
export const eventIdOf = (source: string, atMs: number): string =>
  `evt_${encodeTime(atMs, 10)}${hashPart(`event\u0000${source}`)}`;

export const deliveryIdOf = (eventId: string, endpointId: string, atMs: number): string =>
  `whd_${encodeTime(atMs, 10)}${hashPart(`delivery\u0000${eventId}\u0000${endpointId}`)}`;
