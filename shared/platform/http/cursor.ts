import { ValidationFailed } from '../errors';

/**
 * Opaque pagination cursors: base64url JSON naming the cursor's kind (`k`) and a position.
 * Every context validates its own position on top of this; what this guarantees is that any
 * malformed, oversized or foreign cursor is a 400 on `query.cursor` — never a 500.
 */
export const MAX_CURSOR_CHARS = 1024;

export const invalidCursor = () =>
  new ValidationFailed([{ path: 'query.cursor', message: 'Invalid cursor.' }], 'Invalid query.');

export function encodeOpaqueCursor(kind: string, position: Readonly<Record<string, unknown>>): string {
  return Buffer.from(JSON.stringify({ k: kind, ...position }), 'utf8').toString('base64url');
}

/** The position of a cursor of `kind` (without `k`); anything malformed or of another kind is a 400. */
export function decodeOpaqueCursor(kind: string, raw: string): Record<string, unknown> {
  if (raw.length === 0 || raw.length > MAX_CURSOR_CHARS || !/^[A-Za-z0-9_-]+$/.test(raw))
    throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: a forged or truncated cursor.
    throw invalidCursor();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalidCursor();
  const { k, ...position } = decoded as Record<string, unknown>;
  if (k !== kind) throw invalidCursor();
  return position;
}
