import { ApiProblem, errorMessage } from '../api/client';

/**
 * What a verification error means for the person in front of the page: the server's problem
 * detail, followed by the rule that bit (the cool-down, the plan's active cap) where it helps.
 */
const REPLACEMENTS: Record<string, string> = {
  insufficient_funds: 'Your balance is too low for this service. Top up and try again.',
};

const EXPLANATIONS: Record<string, (body: Record<string, unknown>) => string> = {
  no_numbers_available: (body) => {
    const seconds = typeof body['retryAfter'] === 'number' ? body['retryAfter'] : undefined;
    const wait = seconds ? ` Try again in about ${Math.max(1, Math.ceil(seconds / 60))} min.` : '';
    return (
      'A released number rests 20 minutes before anyone else can rent it, so a late code never ' +
      `reaches the wrong person.${wait}`
    );
  },
  limit_reached: () =>
    'Active means pending or received: a completed, cancelled or expired request frees its slot. ' +
    'Higher plans allow more (Dashboard → Plans).',
};

export function verificationProblem(error: unknown): string {
  if (!(error instanceof ApiProblem)) return errorMessage(error);
  const replacement = REPLACEMENTS[error.code];
  if (replacement) return replacement;
  const explain = EXPLANATIONS[error.code];
  return explain ? `${error.message} ${explain(error.body)}` : error.message;
}
