import * as z from '../../platform/zod';
import { decodeCursor, encodeCursor, type Page } from '../cursor';
import { db } from '../history-db';
import { MESSAGE_ID } from '../ids';
import { type Message, toMessage } from '../views';
import { requireParticipant } from './participation';

/** GET /v1/conversations/{id}/messages: newest first, keyset pagination on the message id. */
export async function listMessages(
  userId: string,
  conversationId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<Message>> {
  await requireParticipant(userId, conversationId);
  const position = decodeCursor('messages', options.cursor, { m: z.string().check(z.regex(MESSAGE_ID)) });
  const query = db().entities.message.query.primary({ conversationId });
  // BETWEEN (not <) keeps the key range inside the message items of the partition.
  const ranged = position ? query.between({ messageId: '' }, { messageId: position.m }) : query;
  const { data } = await ranged.go({ order: 'desc', limit: options.limit + 2 });
  const older = data.filter((m) => m.messageId !== position?.m);
  const page = older.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map(toMessage)),
    nextCursor: older.length > options.limit && last ? encodeCursor('messages', { m: last.messageId }) : null,
  };
}
