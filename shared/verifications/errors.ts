import { Conflict, LimitReached } from '../platform/errors';

/** Domain errors of the verifications context (codes are binding, ../shared/API.md). */

/** The plan's `activeVerifications` pending/received requests are in use. */
export class ActiveLimitReached extends LimitReached {
  constructor(limit: number) {
    super(
      `Your plan allows ${limit} active verification requests at once. ` +
        'Complete or cancel one, or upgrade the plan.',
      { extensions: { limit, metric: 'activeVerifications', upgrade: { href: '/v1/plans' } } },
    );
  }
}

/** Someone else holds the number, it cools down for someone else, or it was reported. */
export class NumberUnavailableForReuse extends Conflict {
  constructor() {
    super('number_unavailable', 'Number unavailable', {
      detail:
        'This number is in use by someone else, cooling down after their request, or no longer offered ' +
        'for this service. Order a new number instead.',
    });
  }
}
