import { db } from '../../../shared/platform/db/service';
import { expectProblem } from '../helpers/api';
import {
  balanceOf,
  cancel,
  complete,
  created,
  createVerification,
  deliverSms,
  endCooldown,
  fundedUser,
  getVerification,
  ledgerFor,
  makeDue,
  pastInstant,
  report,
  reuse,
  runExpiryJob,
  seedPool,
} from './helpers';

/**
 * Races resolve to exactly one outcome. Each race is run several times; whichever side wins,
 * the end state must be consistent and a refund must be paid at most once.
 */
const ROUNDS = 4;

describe('verification races', () => {
  it('cancel vs an incoming SMS: cancelled (refunded, no code) or received (not refunded), never both', async () => {
    await seedPool('ES', ROUNDS);
    const user = await fundedUser(1000);
    const verifications = await Promise.all(
      Array.from({ length: ROUNDS }, () => created(user, { service: 'telegram', country: 'ES' })),
    );

    const outcomes = await Promise.all(
      verifications.map(async (v) => {
        const [cancelled] = await Promise.all([
          cancel(user, v.id),
          deliverSms(v.phoneNumber, 'Telegram code: 55123'),
        ]);
        return { v, cancelled };
      }),
    );

    let refunds = 0;
    for (const { v, cancelled } of outcomes) {
      const final = (await getVerification(user, v.id)).json;
      const refundEntries = await ledgerFor(user, v.id, 'refund');
      if (cancelled.status === 200) {
        expect(final).toEqual(expect.objectContaining({ status: 'cancelled', codes: [], refunded: true }));
        expect(refundEntries).toHaveLength(1);
        refunds++;
      } else {
        expectProblem(cancelled, 409, 'invalid_state');
        expect(final.status).toBe('received');
        expect(final.codes.map((c) => c.code)).toEqual(['55123']);
        expect(refundEntries).toHaveLength(0);
      }
    }
    expect(await balanceOf(user)).toBe(1000 - ROUNDS * 25 + refunds * 25);
  });

  it('cancel vs the expiry job: one terminal state, one refund', async () => {
    await seedPool('IT', ROUNDS);
    const user = await fundedUser(1000);
    const verifications = await Promise.all(
      Array.from({ length: ROUNDS }, () => created(user, { service: 'google', country: 'IT' })),
    );
    const due = pastInstant();
    await Promise.all(verifications.map((v) => makeDue(v.id, due)));

    const results = await Promise.all(
      verifications.map((v) =>
        Promise.all([cancel(user, v.id), runExpiryJob(new Date(due.getTime() + 1000))]),
      ),
    );

    for (const [i, v] of verifications.entries()) {
      const [cancelled] = results[i]!;
      const final = (await getVerification(user, v.id)).json;
      expect(['cancelled', 'expired']).toContain(final.status);
      expect(cancelled.status === 200).toBe(final.status === 'cancelled');
      if (cancelled.status !== 200) expectProblem(cancelled, 409, 'invalid_state');
      expect(final.refunded).toBe(true);
      expect(await ledgerFor(user, v.id, 'refund')).toHaveLength(1);
    }
    // Every request was refunded, each exactly once.
    expect(await balanceOf(user)).toBe(1000);
  });

  it('parallel cancels of one request: one 200, the rest 409, one refund', async () => {
    await seedPool('HU', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'microsoft', country: 'HU' });

    const responses = await Promise.all(Array.from({ length: 6 }, () => cancel(user, v.id)));

    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 200)) expectProblem(r, 409, 'invalid_state');
    expect(await ledgerFor(user, v.id, 'refund')).toHaveLength(1);
    expect(await balanceOf(user)).toBe(1000);
  });

  it('complete vs a second code: finalCode is always the last code stored', async () => {
    await seedPool('RO', ROUNDS);
    const user = await fundedUser(1000);
    const verifications = await Promise.all(
      Array.from({ length: ROUNDS }, () => created(user, { service: 'uber', country: 'RO' })),
    );
    await Promise.all(verifications.map((v) => deliverSms(v.phoneNumber, 'Your Uber code: 1111', 'Uber')));

    const completions = await Promise.all(
      verifications.map(async (v) => {
        const [done] = await Promise.all([
          complete(user, v.id),
          deliverSms(v.phoneNumber, 'Your Uber code: 2222', 'Uber'),
        ]);
        return done;
      }),
    );

    for (const [i, v] of verifications.entries()) {
      expect(completions[i]!.status).toBe(200);
      const final = (await getVerification(user, v.id)).json;
      expect(final.status).toBe('completed');
      expect(final.finalCode).toBe(final.codes[final.codes.length - 1]?.code);
    }
  });

  it('report vs an incoming code: cancelled + reported (refunded once, no code) or received (409, no refund), never both', async () => {
    await seedPool('NO', ROUNDS);
    const user = await fundedUser(1000);
    const verifications = await Promise.all(
      Array.from({ length: ROUNDS }, () => created(user, { service: 'telegram', country: 'NO' })),
    );

    const outcomes = await Promise.all(
      verifications.map(async (v) => {
        const [reported] = await Promise.all([
          report(user, v.id, 'no_code'),
          deliverSms(v.phoneNumber, 'Telegram code: 66120'),
        ]);
        return { v, reported };
      }),
    );

    let refunds = 0;
    for (const { v, reported } of outcomes) {
      const final = (await getVerification(user, v.id)).json;
      const refundEntries = await ledgerFor(user, v.id, 'refund');
      if (reported.status === 200) {
        expect(final).toEqual(
          expect.objectContaining({ status: 'cancelled', reported: true, codes: [], refunded: true }),
        );
        expect(refundEntries).toHaveLength(1);
        refunds++;
      } else {
        expectProblem(reported, 409, 'invalid_state');
        expect(final).toEqual(
          expect.objectContaining({ status: 'received', reported: false, refunded: false }),
        );
        expect(final.codes.map((c) => c.code)).toEqual(['66120']);
        expect(refundEntries).toHaveLength(0);
      }
    }
    expect(await balanceOf(user)).toBe(1000 - ROUNDS * 25 + refunds * 25);
  });

  it("reuse vs another user's create on the same number: exactly one gets it", async () => {
    const countries = ['JP', 'KR', 'MX', 'BR'] as const;
    const [alice, bob] = await Promise.all([fundedUser(1000), fundedUser(1000)]);
    const results = await Promise.all(
      countries.map(async (country) => {
        const [number] = await seedPool(country, 1);
        const v = await created(alice, { service: 'telegram', country });
        await deliverSms(v.phoneNumber, 'Telegram code: 31337');
        await complete(alice, v.id);
        // Past the cool-down, so that Bob's create competes for the number (another service).
        await endCooldown(number!);
        const [reused, bobs] = await Promise.all([
          reuse(alice, v.id),
          createVerification(bob, { service: 'google', country }),
        ]);
        return { number, reused, bobs };
      }),
    );

    for (const { number, reused, bobs } of results) {
      const winners = [reused, bobs].filter((r) => r.status === 201);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.json.phoneNumber).toBe(number);
      if (reused.status !== 201) expectProblem(reused, 409, 'number_unavailable');
      if (bobs.status !== 201) expectProblem(bobs, 503, 'no_numbers_available');
      const { data: lease } = await db()
        .entities.poolLease.get({ phoneNumber: number! })
        .go({ consistent: true });
      expect(lease?.verificationId).toBe(winners[0]!.json.id);
    }
    const aliceWins = results.filter((r) => r.reused.status === 201).length;
    const bobWins = results.length - aliceWins;
    expect(await balanceOf(alice)).toBe(1000 - countries.length * 25 - aliceWins * 25);
    expect(await balanceOf(bob)).toBe(1000 - bobWins * 20);
  });

  it('the active cap under parallel creates: a free user gets exactly 3 of 10, charged 3 times', async () => {
    await seedPool('IL', 10);
    const user = await fundedUser(1000, 'vrf', 'free');

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => createVerification(user, { service: 'other', country: 'IL' })),
    );

    const wins = responses.filter((r) => r.status === 201);
    expect(wins).toHaveLength(3);
    for (const r of responses.filter((r) => r.status !== 201)) expectProblem(r, 403, 'limit_reached');
    expect(await balanceOf(user)).toBe(1000 - 3 * 10);
    const { data } = await db()
      .entities.activeVerificationCount.get({ userId: user.userId })
      .go({ consistent: true });
    expect(data?.active).toBe(3);
  });
});
