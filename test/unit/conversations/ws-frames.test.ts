import { clientFrame } from '../../../shared/realtime/frames';

describe('WebSocket client frames', () => {
  it('accepts typing and ping', () => {
    expect(
      clientFrame.parse({
        action: 'typing',
        conversationId: 'conv_01J9Z3Q5V6W7X8Y9Z0ABCDEFGH',
        isTyping: true,
      }),
    ).toEqual({ action: 'typing', conversationId: 'conv_01J9Z3Q5V6W7X8Y9Z0ABCDEFGH', isTyping: true });
    expect(clientFrame.parse({ action: 'ping' })).toEqual({ action: 'ping' });
  });

  it.each([
    ['an unknown action', { action: 'sendMessage', body: 'x' }],
    ['a bad conversation id', { action: 'typing', conversationId: 'conv_x', isTyping: true }],
    [
      'a non-boolean isTyping',
      { action: 'typing', conversationId: 'conv_01J9Z3Q5V6W7X8Y9Z0ABCDEFGH', isTyping: 'yes' },
    ],
    ['extra fields', { action: 'ping', admin: true }],
    ['no action', {}],
  ])('rejects %s', (_name, frame) => {
    expect(clientFrame.safeParse(frame).success).toBe(false);
  });
});
