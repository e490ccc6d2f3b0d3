import { InvalidState } from '../platform/errors';

/**
 * The verification life cycle (../shared/API.md, "Verifications"):
 *
 *   pending ──receive──▶ received ──receive──▶ received
 *      │                    ├──complete──▶ completed
 *      │                    └──expire────▶ completed   (a code arrived: the service was delivered)
 *      ├──expire──▶ expired    (refunded)
 *      ├──cancel──▶ cancelled  (refunded)
 *      └──report──▶ cancelled  (refunded, `reported`; the number is burnt for the service)
 *
 * The table is the single source of truth for the guards: the database writes use
 * `allowedFrom(action)` as their condition, so a transition that loses a race fails in DynamoDB
 * exactly as it would fail here.
 */
export const VERIFICATION_STATUSES = ['pending', 'received', 'completed', 'expired', 'cancelled'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const ACTIVE_STATUSES = ['pending', 'received'] as const satisfies readonly VerificationStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

export type VerificationAction = 'receive' | 'complete' | 'cancel' | 'expire' | 'report';

const TRANSITIONS: Readonly<
  Record<VerificationAction, Partial<Record<VerificationStatus, VerificationStatus>>>
> = {
  receive: { pending: 'received', received: 'received' },
  complete: { received: 'completed' },
  cancel: { pending: 'cancelled' },
  report: { pending: 'cancelled' },
  expire: { pending: 'expired', received: 'completed' },
};

/** Statuses from which `action` may start. */
export function allowedFrom(action: VerificationAction): VerificationStatus[] {
  return Object.keys(TRANSITIONS[action]) as VerificationStatus[];
}

/** The status after `action`, or undefined when the action is not allowed from `current`. */
export function transition(
  current: VerificationStatus,
  action: VerificationAction,
): VerificationStatus | undefined {
  return TRANSITIONS[action][current];
}

/** Like `transition`, but a disallowed action is a 409 `invalid_state` naming the current status. */
export function assertTransition(
  current: VerificationStatus,
  action: VerificationAction,
): VerificationStatus {
  const next = transition(current, action);
  if (!next) throw new InvalidState(invalidStateDetail(current, action));
  return next;
}

export function invalidStateDetail(current: VerificationStatus, action: VerificationAction): string {
  const from = allowedFrom(action).join(' or ');
  return `Cannot ${action} a verification that is ${current}; only ${from} verifications can be ${PAST[action]}.`;
}

const PAST: Readonly<Record<VerificationAction, string>> = {
  receive: 'updated',
  complete: 'completed',
  cancel: 'cancelled',
  expire: 'expired',
  report: 'reported',
};

export const isActive = (status: VerificationStatus): status is ActiveStatus =>
  (ACTIVE_STATUSES as readonly string[]).includes(status);

/** Terminal transitions give the pool number back; refunds are paid for these outcomes only. */
export const isTerminal = (status: VerificationStatus): boolean => !isActive(status);
export const isRefunded = (status: VerificationStatus): boolean =>
  status === 'expired' || status === 'cancelled';
