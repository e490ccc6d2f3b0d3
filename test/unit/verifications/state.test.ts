import { InvalidState } from '../../../shared/platform/errors';
import {
  allowedFrom,
  assertTransition,
  isActive,
  isRefunded,
  transition,
  VERIFICATION_STATUSES,
  type VerificationAction,
  type VerificationStatus,
} from '../../../shared/verifications/state';

describe('verification state machine', () => {
  const allowed: ReadonlyArray<[VerificationStatus, VerificationAction, VerificationStatus]> = [
    ['pending', 'receive', 'received'],
    ['received', 'receive', 'received'],
    ['received', 'complete', 'completed'],
    ['pending', 'cancel', 'cancelled'],
    ['pending', 'report', 'cancelled'],
    ['pending', 'expire', 'expired'],
    ['received', 'expire', 'completed'],
  ];

  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
    expect(assertTransition(from, action)).toBe(to);
  });

  const actions: VerificationAction[] = ['receive', 'complete', 'cancel', 'expire', 'report'];
  const forbidden = VERIFICATION_STATUSES.flatMap((from) =>
    actions
      .filter((action) => !allowed.some(([f, a]) => f === from && a === action))
      .map((action) => [from, action] as const),
  );

  it.each(forbidden)('%s cannot %s (409 invalid_state)', (from, action) => {
    expect(transition(from, action)).toBeUndefined();
    let error: unknown;
    try {
      assertTransition(from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidState);
    expect((error as InvalidState).code).toBe('invalid_state');
    expect((error as InvalidState).detail).toContain(from);
  });

  it('covers every status/action pair exactly once', () => {
    expect(allowed.length + forbidden.length).toBe(VERIFICATION_STATUSES.length * actions.length);
  });

  it('terminal statuses accept nothing', () => {
    for (const status of ['completed', 'expired', 'cancelled'] as const) {
      expect(isActive(status)).toBe(false);
      for (const action of actions) expect(transition(status, action)).toBeUndefined();
    }
  });

  it('exposes the guards the database conditions use', () => {
    expect(allowedFrom('receive').sort()).toEqual(['pending', 'received']);
    expect(allowedFrom('cancel')).toEqual(['pending']);
    expect(allowedFrom('report')).toEqual(['pending']);
    expect(allowedFrom('complete')).toEqual(['received']);
    expect(allowedFrom('expire').sort()).toEqual(['pending', 'received']);
  });

  it('refunds exactly the outcomes where no code was delivered', () => {
    expect(VERIFICATION_STATUSES.filter(isRefunded).sort()).toEqual(['cancelled', 'expired']);
  });
});
