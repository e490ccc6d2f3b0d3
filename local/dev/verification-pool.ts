import * as z from 'zod';
import { ValidationFailed } from '../../shared/platform/errors';
import { freshPoolNumbers, poolCountries } from '../../shared/numbers/catalog';
import { addToVerificationPool } from '../../shared/numbers/inventory';
import { defineDevEndpoint } from './registry';

/**
 * POST /dev/verifications/pool { country?, count? } : adds new random (valid) numbers to the
 * verification pool and returns them. The seeded pool holds 104 numbers in US, CA, GB, DE and
 * FR; this grows it, e.g. to try allocation under load or the cool-down with many renters.
 */
export const stockVerificationPoolEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/verifications/pool',
  summary: 'Add fresh numbers to the verification pool: { country?, count? } -> { items }.',
  body: z
    .object({
      country: z.string().length(2).default('US'),
      count: z.number().int().min(1).max(100).default(10),
    })
    .strict(),
  async handle({ body }) {
    const country = body.country.toUpperCase();
    const numbers = freshPoolNumbers(country, body.count);
    if (!numbers) {
      throw new ValidationFailed([
        { path: 'body.country', message: `The pool has numbers in ${poolCountries().join(', ')} only.` },
      ]);
    }
    const { created } = await addToVerificationPool(numbers, 'seed');
    return {
      status: 201,
      body: { created, items: numbers.map(({ phoneNumber, country: c }) => ({ phoneNumber, country: c })) },
    };
  },
});
