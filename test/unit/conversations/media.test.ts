import type { MessageItem } from '../../../shared/conversations/entities/message';
import { textOnly } from '../../../shared/conversations/media';
import { toMessage } from '../../../shared/conversations/views';

/** The SMS paths' media (shared/conversations/media.ts): no attachments, the same views otherwise. */
const item: MessageItem = {
  conversationId: 'conv_1',
  messageId: 'msg_1',
  sender: { userId: 'usr_1', username: 'alice' },
  body: 'hello',
  mentions: [],
  attachments: [],
  status: 'queued',
  segments: 1,
  encoding: 'GSM-7',
  priceCents: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('textOnly media', () => {
  it('presents a message exactly as the attachment-aware view does', async () => {
    await expect(textOnly.view(item)).resolves.toEqual(await toMessage(item));
  });

  it('binds nothing, and refuses attachments rather than dropping them', async () => {
    await expect(textOnly.bind('conv_1', 'usr_1', [])).resolves.toEqual([]);
    await expect(textOnly.bind('conv_1', 'usr_1', ['att_1'])).rejects.toThrow(/no attachments/);
    const withFile = {
      ...item,
      attachments: [{ id: 'att_1', fileName: 'a.png', contentType: 'image/png', size: 1, objectKey: 'k' }],
    };
    await expect(textOnly.view(withFile)).rejects.toThrow(/has attachments/);
  });
});
