import { RENEWAL_BATCH, runRenewals } from '../../../shared/numbers/renewals';
import { buy, firstPayment, fundedUser, ownedNumber, shiftDays, stockNumbers } from './support';

/**
 * The renew-numbers job works in bounded batches: one run takes at most `batch` due numbers
 * (RENEWAL_BATCH in AWS, sized with the job's timeout and memory) and leaves the rest due in
 * the index, where the next run continues. Run in-process against DynamoDB Local, scoped to
 * this test's user so other tests' numbers never count.
 */
describe('renew-numbers batches', () => {
  it('caps a run at its batch and continues on the next run until nothing is due', async () => {
    const stocked = await stockNumbers(3);
    const user = await fundedUser(
      stocked.reduce((sum, n) => sum + firstPayment(n), 0),
      'batch',
    );
    const owned = [];
    for (const n of stocked) owned.push(await buy(user, n.phoneNumber));
    const latest = owned
      .map((n) => n.renewsAt)
      .sort()
      .at(-1)!;
    // Inside every number's renewal-notice window: each one is due exactly once.
    const now = new Date(shiftDays(latest, -6));
    const scope = { userIds: [user.userId], batch: 2 };

    const first = await runRenewals(now, scope);
    const second = await runRenewals(now, scope);
    const third = await runRenewals(now, scope);

    expect(first).toEqual({ processed: 2, more: true });
    expect(second).toEqual({ processed: 1 });
    expect(third).toEqual({ processed: 0 });
    for (const n of owned) expect((await ownedNumber(user, n.phoneNumber)).status).toBe('active');
    expect(RENEWAL_BATCH).toBeGreaterThan(0);
  });
});
