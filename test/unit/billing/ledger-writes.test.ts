import { resetConfig } from '../../../shared/platform/config';
import { chargeWrites, creditWrites, ledgerId } from '../../../shared/billing/service';
import { db } from '../../../shared/platform/db/service';

/** The billing helpers' transaction items, checked through ElectroDB's `params()` (no database needed). */
beforeAll(() => {
  process.env.TABLE_NAME ??= 'unit-test-table';
  resetConfig();
});

const at = new Date('2026-05-01T12:00:00.000Z');

interface Op {
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeValues?: Record<string, unknown>;
  Item?: Record<string, unknown>;
}
const update = (item: unknown) => (item as { Update?: Op }).Update;
const put = (item: unknown) => (item as { Put?: Op }).Put;

describe('chargeWrites', () => {
  it('decrements the balance only if it covers the amount, with a charge entry in the same transaction', () => {
    const params = db()
      .transaction.write((tx) =>
        chargeWrites(tx, { userId: 'usr_1', amountCents: 215, ref: '+14155550123', at }),
      )
      .params();
    const [balance, ledger] = params.TransactItems;

    expect(params.TransactItems).toHaveLength(2);
    expect(update(balance)?.ConditionExpression).toMatch(/#balanceCents >= :balanceCents0/);
    expect(update(balance)?.ExpressionAttributeValues).toMatchObject({
      ':balanceCents0': 215,
      ':balanceCents_u0': 215,
    });
    expect(update(balance)?.UpdateExpression).toMatch(
      /#balanceCents = \(if_not_exists\(#balanceCents, .*\) - :balanceCents_u0\)/,
    );
    expect(put(ledger)?.Item).toMatchObject({
      userId: 'usr_1',
      type: 'charge',
      amountCents: 215,
      ref: '+14155550123',
      at: at.toISOString(),
    });
    expect(put(ledger)?.ConditionExpression).toMatch(/attribute_not_exists/);
  });

  it('writes nothing for a free item and refuses negative or fractional amounts', () => {
    expect(
      db()
        .transaction.write((tx) => chargeWrites(tx, { userId: 'usr_1', amountCents: 0, ref: 'x' }))
        .params().TransactItems,
    ).toHaveLength(0);
    const attempt = (amountCents: number) => () =>
      db()
        .transaction.write((tx) => chargeWrites(tx, { userId: 'u', amountCents, ref: 'x' }))
        .params();
    expect(attempt(-5)).toThrow(/positive integer cents/);
    expect(attempt(1.5)).toThrow(/positive integer cents/);
  });
});

describe('creditWrites', () => {
  it.each(['topup', 'refund'] as const)('adds to the balance with a %s entry', (type) => {
    const params = db()
      .transaction.write((tx) =>
        creditWrites(tx, { userId: 'usr_1', amountCents: 500, ref: 'vrf_1', type, at }),
      )
      .params();
    const [balance, ledger] = params.TransactItems;

    expect(update(balance)?.UpdateExpression).toMatch(/ADD #balanceCents :balanceCents_u0/);
    expect(update(balance)?.ConditionExpression).toMatch(/attribute_exists\(#pk\)/);
    expect(put(ledger)?.Item).toMatchObject({ type, amountCents: 500, ref: 'vrf_1' });
  });
});

describe('ledgerId', () => {
  it('sorts by time', () => {
    const earlier = ledgerId(new Date('2026-01-01T00:00:00Z'));
    const later = ledgerId(new Date('2026-01-01T00:00:01Z'));

    expect(earlier < later).toBe(true);
    expect(earlier).toMatch(/^led_[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
