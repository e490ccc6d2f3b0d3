import * as z from '../platform/zod';
import { decodeOpaqueCursor, encodeOpaqueCursor, invalidCursor } from '../platform/http/cursor';

/**
 * Opaque pagination cursors: base64url JSON naming the cursor's kind and the keyset position
 * (the last item's sort key). They need no signature: every query they feed is already
 * scoped to the caller (their membership partition, a conversation they belong to, their own
 * search partition), so a forged position can only skip around the caller's own data. What
 * must never happen is a 500, so the decoded content is validated with a strict schema and
 * anything else is a 400 on `query.cursor`.
 */
export { invalidCursor };

/** One page of a keyset-paginated list. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export function encodeCursor(kind: string, position: Record<string, string>): string {
  return encodeOpaqueCursor(kind, position);
}

/** Decodes a cursor of `kind`; undefined in, undefined out; anything malformed is a 400. */
export function decodeCursor<S extends z.core.$ZodShape>(
  kind: string,
  raw: string | undefined,
  shape: S,
): z.infer<z.ZodMiniObject<S>> | undefined {
  if (raw === undefined) return undefined;
  const decoded = decodeOpaqueCursor(kind, raw);
  const parsed = z.strictObject(shape).safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data as z.infer<z.ZodMiniObject<S>>;
}
