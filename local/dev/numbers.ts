import * as z from 'zod';
import { ValidationFailed } from '../../shared/platform/errors';
import { freshNumbers } from '../../shared/numbers/catalog';
import { NUMBER_TYPES } from '../../shared/numbers/entities/inventory-number';
import { stockNumbers } from '../../shared/numbers/inventory';
import { defineDevEndpoint } from './registry';

/**
 * POST /dev/numbers/stock { country?, type?, count? } : adds new random (valid) numbers to the
 * marketplace and returns them. Tests buy numbers stocked for them, so parallel test files never
 * compete for the same number.
 */
export const stockNumbersEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/numbers/stock',
  summary: 'Add fresh numbers to the marketplace: { country?, type?, count? } -> { items }.',
  body: z
    .object({
      country: z.string().length(2).default('US'),
      type: z.enum(NUMBER_TYPES).default('local'),
      count: z.number().int().min(1).max(50).default(1),
    })
    .strict(),
  async handle({ body }) {
    const numbers = freshNumbers(body.country.toUpperCase(), body.type, body.count);
    if (!numbers) {
      throw new ValidationFailed([
        { path: 'body', message: `No ${body.type} numbers are stocked in ${body.country}.` },
      ]);
    }
    await stockNumbers(numbers, 'available', { source: 'seed' });
    return { status: 201, body: { items: numbers } };
  },
});

/**
 * POST /dev/numbers/renewals/run { now?, userIds? } : runs the `renew-numbers` job handler for
 * some users only. `/dev/jobs/renew-numbers/run` moves the clock for every number in the
 * runtime; tests that move it use this instead, so they never renew or expire other tests' numbers.
 */
export const runRenewalsEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/numbers/renewals/run',
  summary: 'Run renew-numbers for some users: { now?, userIds } -> { processed }.',
  body: z
    .object({
      now: z.iso.datetime({ offset: true }).optional(),
      userIds: z.array(z.string().min(1).max(100)).min(1).max(100),
    })
    .strict(),
  async handle({ body }, context) {
    const result = (await context.invoke('numbers/renew-numbers', body, { timeoutMs: 5 * 60_000 })) as {
      processed: number;
    };
    return { status: 200, body: { processed: result.processed } };
  },
});
