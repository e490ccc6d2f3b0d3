import { listLedger } from '../../../shared/billing/service';
import { api, expectProblem } from '../helpers/api';
import {
  balanceOf,
  credit,
  firstPayment,
  fundedUser,
  runRenewals,
  shiftDays,
  stockNumber,
  buy,
} from './support';

describe('billing ledger', () => {
  it('records every balance change in the transaction that made it', async () => {
    const stocked = await stockNumber('DE', 'mobile');
    const user = await fundedUser(firstPayment(stocked));
    const owned = await buy(user, stocked.phoneNumber);
    await credit(user, stocked.monthlyPriceCents);
    await runRenewals(shiftDays(owned.renewsAt, 0.01), [user]);

    const ledger = await listLedger(user.userId);

    expect(ledger.map(({ type, amountCents, ref }) => ({ type, amountCents, ref }))).toEqual([
      { type: 'charge', amountCents: stocked.monthlyPriceCents, ref: stocked.phoneNumber },
      { type: 'topup', amountCents: stocked.monthlyPriceCents, ref: 'dev-credits' },
      { type: 'charge', amountCents: firstPayment(stocked), ref: stocked.phoneNumber },
      { type: 'topup', amountCents: firstPayment(stocked), ref: 'dev-credits' },
    ]);
    for (const entry of ledger) expect(entry.id).toMatch(/^led_/);
    const sum = ledger.reduce(
      (total, e) => total + (e.type === 'charge' ? -e.amountCents : e.amountCents),
      0,
    );
    expect(await balanceOf(user)).toBe(sum);
    expect(sum).toBe(0);
  });

  it('leaves no ledger entry when a purchase fails', async () => {
    const stocked = await stockNumber();
    const user = await fundedUser(firstPayment(stocked) - 1);

    const response = await api.post(
      '/v1/numbers',
      { phoneNumber: stocked.phoneNumber },
      { token: user.accessToken },
    );

    expectProblem(response, 402, 'insufficient_funds');
    expect((await listLedger(user.userId)).map((e) => e.type)).toEqual(['topup']);
  });
});

describe('POST /dev/credits', () => {
  it('answers the new balance', async () => {
    const user = await fundedUser(0);

    const response = await api.post('/dev/credits', { email: user.email, amountCents: 250 });

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ balanceCents: 250 });
  });

  it.each([
    ['a negative amount', { email: 'a@example.test', amountCents: -1 }],
    ['a fractional amount', { email: 'a@example.test', amountCents: 1.5 }],
    ['a bad email', { email: 'nope', amountCents: 1 }],
    ['an unknown field', { email: 'a@example.test', amountCents: 1, userId: 'x' }],
  ])('rejects %s with 400', async (_name, body) => {
    expectProblem(await api.post('/dev/credits', body), 400, 'validation_failed');
  });

  it('is 404 for an unknown email', async () => {
    expectProblem(
      await api.post('/dev/credits', { email: 'nobody@example.test', amountCents: 1 }),
      404,
      'not_found',
    );
  });
});
