import { conflict, limitReached } from '../platform/http/errors';

/** Domain errors of the verifications context (codes are binding, ../shared/API.md). */

/** 403 limit_reached: the plan's `activeVerifications` pending/received requests are in use. */
export const activeLimitReached = (limit: number) =>
  limitReached(
    `Your plan allows ${limit} active verification requests at once. ` +
      'Complete or cancel one, or upgrade the plan.',
    { extensions: { limit, metric: 'activeVerifications', upgrade: { href: '/v1/plans' } } },
  );

/** 409 number_unavailable: someone else holds the number, it cools down for someone else, or it was reported. */
export const numberUnavailableForReuse = () =>
  conflict(
    'number_unavailable',
    'Number unavailable',
    'This number is in use by someone else, cooling down after their request, or no longer offered ' +
      'for this service. Order a new number instead.',
  );
