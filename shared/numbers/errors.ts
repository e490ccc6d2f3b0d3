import { AppError, conflict, invalidState, limitReached } from '../platform/http/errors';

/** Domain errors of the numbers context (codes are binding, ../shared/API.md). */
export const numberUnavailable = (detail = 'This number is not available for purchase.') =>
  conflict('number_unavailable', 'Number unavailable', detail);

export const numberLimitReached = (limit: number) =>
  limitReached(`The plan allows ${limit} phone numbers. Cancel one or upgrade the plan.`, {
    extensions: { limit, metric: 'numbers', upgrade: { href: '/v1/plans' } },
  });

export const numberExpired = () => invalidState('The number has expired.');
export const numberCancelled = () => invalidState('The number is cancelled and will not renew.');

/** A purchase kept losing to concurrent transactions on the same items: safe to retry. */
export const purchaseBusy = () =>
  new AppError(503, 'busy', 'Busy', {
    detail: 'The number is being bought concurrently. Retry shortly.',
    headers: { 'retry-after': '1' },
  });
