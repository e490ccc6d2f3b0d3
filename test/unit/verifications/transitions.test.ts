import { InvalidState } from '../../../shared/platform/errors';
import type { VerificationItem } from '../../../shared/verifications/entities/verification';
import { transitionChanges } from '../../../shared/verifications/transitions';

const NOW = new Date('2026-11-23T10:20:00.000Z');

const item = (overrides: Partial<VerificationItem> = {}): VerificationItem => ({
  verificationId: 'vrf_01JZ0000000000000000000000',
  userId: 'usr_1',
  service: 'telegram',
  country: 'US',
  phoneNumber: '+16465550123',
  status: 'pending',
  priceCents: 25,
  createdAt: '2026-11-23T10:00:00.000Z',
  expiresAt: '2026-11-23T10:15:00.000Z',
  expiryShard: '3',
  codes: [],
  codeCount: 0,
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});

const code = (value: string | undefined, at = '2026-11-23T10:01:00.000Z') => ({
  ...(value ? { code: value } : {}),
  sms: `text ${value ?? ''}`,
  from: 'Telegram',
  receivedAt: at,
});

describe('transition changes', () => {
  it('always rewrites the expiry index composites with the status (so the sparse index follows)', () => {
    for (const [status, action] of [
      ['pending', 'cancel'],
      ['pending', 'expire'],
      ['received', 'complete'],
      ['received', 'expire'],
    ] as const) {
      const changes = transitionChanges(item({ status }), action, NOW);
      expect(changes).toEqual(
        expect.objectContaining({ expiryShard: '3', expiresAt: '2026-11-23T10:15:00.000Z' }),
      );
    }
  });

  it('cancel: cancelled and refunded at now', () => {
    expect(transitionChanges(item(), 'cancel', NOW)).toEqual({
      status: 'cancelled',
      expiryShard: '3',
      expiresAt: '2026-11-23T10:15:00.000Z',
      cancelledAt: NOW.toISOString(),
      refundedAt: NOW.toISOString(),
    });
  });

  it('expire of a pending request: expired and refunded', () => {
    expect(transitionChanges(item(), 'expire', NOW)).toEqual(
      expect.objectContaining({
        status: 'expired',
        expiredAt: NOW.toISOString(),
        refundedAt: NOW.toISOString(),
      }),
    );
  });

  it('complete and expire of a received request: completed with the last code, no refund', () => {
    const received = item({
      status: 'received',
      codes: [code('11111'), code('22222'), code(undefined)],
      codeCount: 3,
    });
    for (const action of ['complete', 'expire'] as const) {
      const changes = transitionChanges(received, action, NOW);
      expect(changes).toEqual(
        expect.objectContaining({ status: 'completed', finalCode: '22222', completedAt: NOW.toISOString() }),
      );
      expect(changes).not.toHaveProperty('refundedAt');
    }
  });

  it('a received request whose messages held no code completes without a finalCode', () => {
    const changes = transitionChanges(
      item({ status: 'received', codes: [code(undefined)], codeCount: 1 }),
      'complete',
      NOW,
    );
    expect(changes.status).toBe('completed');
    expect(changes).not.toHaveProperty('finalCode');
  });

  it.each([
    ['pending', 'complete'],
    ['received', 'cancel'],
    ['cancelled', 'cancel'],
    ['expired', 'expire'],
    ['completed', 'complete'],
  ] as const)('%s cannot %s: 409 invalid_state', (status, action) => {
    expect(() => transitionChanges(item({ status }), action, NOW)).toThrow(InvalidState);
    try {
      transitionChanges(item({ status }), action, NOW);
    } catch (error) {
      expect((error as InvalidState).code).toBe('invalid_state');
    }
  });
});
