import * as z from 'zod';
import { findUserIdBy } from '../../shared/auth/users';
import { topUp } from '../../shared/billing/service';
import { NotFound } from '../../shared/platform/errors';
import { email } from '../../shared/platform/http/schemas';
import { defineDevEndpoint } from './registry';

/** POST /dev/credits { email, amountCents } : tops up a balance (a `topup` ledger entry), as a payment would. */
export const creditsEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/credits',
  summary: "Top up a user's balance: { email, amountCents } -> { balanceCents }.",
  body: z.object({ email, amountCents: z.number().int().min(1).max(100_000_000) }).strict(),
  async handle({ body }) {
    const userId = await findUserIdBy('email', body.email);
    if (!userId) throw new NotFound('No user with this email.');
    const { balanceCents } = await topUp({
      userId,
      amountCents: body.amountCents,
      ref: 'dev-credits',
      description: 'Local top-up (/dev/credits)',
    });
    return { status: 200, body: { balanceCents } };
  },
});
