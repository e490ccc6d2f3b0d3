import { z } from 'zod';
import { validationFailed } from '../http/errors';

/**
 * Opaque pagination cursors: base64url JSON naming the cursor's kind and the keyset position
 * (the last item's sort key). They need no signature: every query they feed is already
 * scoped to the caller (their membership partition, a conversation they belong to, their own
 * search partition), so a forged position can only skip around the caller's own data. What
 * must never happen is a 500, so the decoded content is validated with a strict schema and
 * anything else is a 400 on `query.cursor`.
 */
const MAX_CURSOR_CHARS = 1024;

export const invalidCursor = () =>
  validationFailed([{ path: 'query.cursor', message: 'Invalid cursor.' }], 'Invalid query.');

export function encodeCursor(kind: string, position: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...position }), 'utf8').toString('base64url');
}

/** Decodes a cursor of `kind`; undefined in, undefined out; anything malformed is a 400. */
export function decodeCursor<S extends z.ZodRawShape>(
  kind: string,
  raw: string | undefined,
  shape: S,
): z.infer<z.ZodObject<S>> | undefined {
  if (raw === undefined) return undefined;
  if (raw.length === 0 || raw.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(raw)) {
    throw invalidCursor();
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const schema = z.object({ k: z.literal(kind), ...shape }).strict();
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  const { k: _kind, ...position } = parsed.data as Record<string, unknown>;
  return position as z.infer<z.ZodObject<S>>;
}
