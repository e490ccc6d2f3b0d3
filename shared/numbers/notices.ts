import { notify } from '../notifications/service';

/**
 * Renewal-related notifications: email and an in-app `notification` WebSocket event, each only
 * where the user's `numberRenewal` preference for that channel is on (../shared/API.md).
 */
export type NumberNoticeKind = 'number.renewal_notice' | 'number.renewed' | 'number.expired';

export interface NumberNotice {
  readonly kind: NumberNoticeKind;
  readonly title: string;
  readonly body: string;
  /** The phone number concerned. */
  readonly ref: string;
  /** Also send an email (renewal notices and expiries; renewals are in-app only). */
  readonly email: boolean;
}

export async function notifyNumberOwner(userId: string, notice: NumberNotice): Promise<void> {
  await notify(userId, 'numberRenewal', notice);
}

const day = (iso: string) => iso.slice(0, 10);
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export function renewalNotice(input: {
  phoneNumber: string;
  renewsAt: string;
  autoRenew: boolean;
  monthlyPriceCents: number;
}): NumberNotice {
  const { phoneNumber, renewsAt } = input;
  return {
    kind: 'number.renewal_notice',
    title: input.autoRenew
      ? `Your number ${phoneNumber} renews on ${day(renewsAt)}`
      : `Your number ${phoneNumber} expires on ${day(renewsAt)}`,
    body: input.autoRenew
      ? `Your SMSPROJ number ${phoneNumber} renews on ${day(renewsAt)} for ${dollars(input.monthlyPriceCents)}. ` +
        'Keep enough balance to cover it, or turn auto-renew off to let it expire.'
      : `Your SMSPROJ number ${phoneNumber} expires on ${day(renewsAt)} because auto-renew is off. ` +
        'Turn auto-renew on to keep it.',
    ref: phoneNumber,
    email: true,
  };
}

export const renewedNotice = (phoneNumber: string, renewsAt: string, cents: number): NumberNotice => ({
  kind: 'number.renewed',
  title: `Your number ${phoneNumber} was renewed`,
  body: `${dollars(cents)} was charged. The next renewal is on ${day(renewsAt)}.`,
  ref: phoneNumber,
  email: false,
});

export const expiredNotice = (
  phoneNumber: string,
  reason: 'insufficient_funds' | 'not_renewed',
): NumberNotice => ({
  kind: 'number.expired',
  title: `Your number ${phoneNumber} has expired`,
  body:
    reason === 'insufficient_funds'
      ? `Your SMSPROJ number ${phoneNumber} could not be renewed: the balance did not cover the renewal. It has been released.`
      : `Your SMSPROJ number ${phoneNumber} reached the end of its period without renewal and has been released.`,
  ref: phoneNumber,
  email: true,
});
