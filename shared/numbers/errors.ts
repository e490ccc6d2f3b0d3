import { Conflict, InvalidState, LimitReached, Unavailable } from '../platform/errors';

/** Domain errors of the numbers context (codes are binding, ../shared/API.md). */

export class NumberUnavailable extends Conflict {
  constructor(detail = 'This number is not available for purchase.') {
    super('number_unavailable', 'Number unavailable', { detail });
  }
}

export class NumberLimitReached extends LimitReached {
  constructor(limit: number) {
    super(`The plan allows ${limit} phone numbers. Cancel one or upgrade the plan.`, {
      extensions: { limit, metric: 'numbers', upgrade: { href: '/v1/plans' } },
    });
  }
}

export class NumberExpired extends InvalidState {
  constructor() {
    super('The number has expired.');
  }
}

export class NumberCancelled extends InvalidState {
  constructor() {
    super('The number is cancelled and will not renew.');
  }
}

/** A purchase kept losing to concurrent transactions on the same items: safe to retry. */
export class PurchaseBusy extends Unavailable {
  constructor() {
    super('busy', 'Busy', {
      detail: 'The number is being bought concurrently. Retry shortly.',
      retryAfterSeconds: 1,
    });
  }
}
