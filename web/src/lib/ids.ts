import { newIdempotencyKey } from '../api/client';

/** The client's id for an optimistic message: the server returns it, so the echo replaces the draft. */
export const newClientMessageId = (): string => `cm_${newIdempotencyKey()}`;
