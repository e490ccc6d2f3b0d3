import { ApiError, errorMessage } from '../api/client';

/**
 * What a verification error means for the person in front of the page: the server's problem
 * detail, preceded by an explanation of the rule that bit (the cool-down, the plan's active cap).
 */
const EXPLANATIONS: Record<string, (body: Record<string, unknown>) => string> = {
  insufficient_funds: () => 'Your balance is too low for this service. Top up and try again.',
  no_numbers_available: (body) => {
    const seconds = typeof body['retryAfter'] === 'number' ? body['retryAfter'] : undefined;
    const wait = seconds ? ` Try again in about ${Math.max(1, Math.ceil(seconds / 60))} min.` : '';
    return (
      'All verification numbers are busy or cooling down: a released number rests 20 minutes before ' +
      `anyone can rent it again, so a late code never reaches the wrong person.${wait}`
    );
  },
  limit_reached: (body) => {
    const limit = typeof body['limit'] === 'number' ? body['limit'] : undefined;
    return (
      `Your plan allows ${limit ?? 'a limited number of'} active verification requests at once. ` +
      'Complete or cancel one, or upgrade your plan on the dashboard.'
    );
  },
  number_unavailable: () =>
    'This number is rented by someone else right now, or cooling down after their request (numbers rest ' +
    '20 minutes between renters), or it was reported for this service. Order a new number instead.',
};

export function verificationProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const explain = EXPLANATIONS[error.code];
  if (!explain) return error.message;
  const explanation = explain(error.body);
  return error.message && error.message !== explanation ? `${explanation} (${error.message})` : explanation;
}
