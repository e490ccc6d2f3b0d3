import { DomainError } from '../../../shared/platform/errors';
import { statusOf } from '../../../shared/platform/http/errors';
import { db } from '../../../shared/platform/db/service';
import { handleVerificationSms, MAX_MESSAGES } from '../../../shared/verifications/inbound';
import {
  createVerification as createInProcess,
  reuseVerification as reuseInProcess,
} from '../../../shared/verifications/service';
import { api, expectProblem } from '../helpers/api';
import {
  as,
  balanceOf,
  cancel,
  complete,
  created,
  createVerification,
  deliverSms,
  endCooldown,
  fundedUser,
  getVerification,
  leaseOf,
  ledgerFor,
  report,
  reuse,
  seedPool,
} from './helpers';

const MINUTE = 60_000;

/** An in-process call's error as the client would see it: status and problem code. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { status: statusOf(error), code: error.code };
  }
  throw new Error('expected the call to fail');
}

/** ../shared/API.md "v1.1 Verification integrity". */
describe('verification integrity: cool-down and the 30-day (number, service) rule', () => {
  it('uses the real 20-minute default: blocked for everyone during the cool-down, SMS reach no one, free after it (moved clock)', async () => {
    const [number] = await seedPool('LT', 1);
    const [alice, bob] = await Promise.all([fundedUser(1000), fundedUser(1000)]);
    const v = await created(alice, { service: 'telegram', country: 'LT' });
    const cancelled = await cancel(alice, v.id);
    expect(cancelled.status).toBe(200);
    const lease = await leaseOf(number!);
    const releasedAt = Date.parse(lease?.releasedAt ?? '');
    expect(Date.parse(lease?.coolsUntil ?? '') - releasedAt).toBe(20 * MINUTE);

    // A late SMS for Alice reaches no one: not her closed request, not a new renter. Counted.
    const late = await handleVerificationSms({
      to: number!,
      from: 'Telegram',
      body: 'Telegram code: 61422',
      receivedAt: new Date().toISOString(),
      inboundMessageId: `late-${v.id}`,
    });
    expect(late).toEqual({ outcome: 'cooling_down' });
    expect((await leaseOf(number!))?.droppedSms).toBe(1);
    expect((await getVerification(alice, v.id)).json).toEqual(
      expect.objectContaining({ codes: [], messages: [], status: 'cancelled' }),
    );

    // Nobody rents it during the cool-down, not even Alice with a plain create.
    for (const [user, service] of [
      [bob, 'google'],
      [alice, 'telegram'],
    ] as const) {
      const blocked = await createVerification(user, { service, country: 'LT' });
      expectProblem(blocked, 503, 'no_numbers_available');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(15 * 60);
      expect(retryAfter).toBeLessThanOrEqual(20 * 60);
    }
    const at19 = new Date(releasedAt + 19 * MINUTE);
    expect(
      await failure(createInProcess({ userId: bob.userId, service: 'google', country: 'LT' }, at19)),
    ).toEqual({ status: 503, code: 'no_numbers_available' });

    // After 20 minutes: Bob may not have it for telegram (Alice's service, within 30 days)...
    const at21 = new Date(releasedAt + 21 * MINUTE);
    expect(
      await failure(createInProcess({ userId: bob.userId, service: 'telegram', country: 'LT' }, at21)),
    ).toEqual({ status: 503, code: 'no_numbers_available' });
    // ...but for another service he gets it.
    const bobs = await createInProcess({ userId: bob.userId, service: 'google', country: 'LT' }, at21);
    expect(bobs.phoneNumber).toBe(number);
    expect(await balanceOf(alice)).toBe(1000);
  });

  it('the same number goes to another user for the same service only after 30 days', async () => {
    const [number] = await seedPool('LV', 1);
    const [alice, bob] = await Promise.all([fundedUser(1000), fundedUser(1000)]);
    const v = await created(alice, { service: 'whatsapp', country: 'LV' });
    await cancel(alice, v.id);
    await endCooldown(number!);

    expectProblem(
      await createVerification(bob, { service: 'whatsapp', country: 'LV' }),
      503,
      'no_numbers_available',
    );
    const later = new Date(Date.parse(v.createdAt) + 31 * 24 * 60 * MINUTE);
    const bobs = await createInProcess({ userId: bob.userId, service: 'whatsapp', country: 'LV' }, later);
    expect(bobs.phoneNumber).toBe(number);
  });
});

describe('verification integrity: codes, not noise', () => {
  it('an SMS without a code is kept in messages and leaves the request pending, cancellable and refundable', async () => {
    await seedPool('EE', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'telegram', country: 'EE' });

    await deliverSms(v.phoneNumber, 'hi', '+37255512345');

    const read = (await getVerification(user, v.id)).json;
    expect(read.status).toBe('pending');
    expect(read.codes).toEqual([]);
    expect(read.messages).toEqual([{ sms: 'hi', from: '+37255512345', receivedAt: expect.any(String) }]);
    const cancelled = await cancel(user, v.id);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toEqual(expect.objectContaining({ status: 'cancelled', refunded: true }));
    expect(await balanceOf(user)).toBe(1000);
  });

  it('a flood of noise cannot push a real code out: bounded messages, the code kept', async () => {
    await seedPool('SI', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'google', country: 'SI' });

    const flood = (n: number, tag: string) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          handleVerificationSms({
            to: v.phoneNumber,
            from: '+38640000000',
            body: `hello there ${tag} ${'x'.repeat(i % 7)}`,
            receivedAt: new Date().toISOString(),
            inboundMessageId: `flood-${tag}-${i}`,
          }),
        ),
      );
    await flood(MAX_MESSAGES + 5, 'a');
    await deliverSms(v.phoneNumber, 'G-730155 is your Google verification code.', 'Google');
    const after = await flood(10, 'b');

    expect(after.map((o) => o.outcome)).toEqual(Array(10).fill('full'));
    const read = (await getVerification(user, v.id)).json;
    expect(read.status).toBe('received');
    expect(read.codes.map((c) => c.code)).toEqual(['730155']);
    expect(read.messages).toHaveLength(MAX_MESSAGES);
    expect((await complete(user, v.id)).json.finalCode).toBe('730155');
  });
});

describe('verification integrity: report', () => {
  it('pending → cancelled + reported, refunded once, the (number, service) pair burnt for everyone', async () => {
    const [number] = await seedPool('HR', 1);
    const [alice, bob] = await Promise.all([fundedUser(1000), fundedUser(1000)]);
    const v = await created(alice, { service: 'tiktok', country: 'HR' });

    const reported = await report(alice, v.id, 'number_used');
    const again = await report(alice, v.id, 'number_used');

    expect(reported.status).toBe(200);
    expect(reported.json).toEqual(
      expect.objectContaining({
        id: v.id,
        status: 'cancelled',
        reported: true,
        reportReason: 'number_used',
        refunded: true,
      }),
    );
    expectProblem(again, 409, 'invalid_state');
    expect(await ledgerFor(alice, v.id, 'refund')).toHaveLength(1);
    expect(await balanceOf(alice)).toBe(1000);

    // Burnt for tiktok, for everyone, even after the cool-down; other services still get it.
    await endCooldown(number!);
    for (const user of [alice, bob]) {
      expectProblem(
        await createVerification(user, { service: 'tiktok', country: 'HR' }),
        503,
        'no_numbers_available',
      );
    }
    const much = new Date(Date.now() + 400 * 24 * 60 * MINUTE);
    expect(
      await failure(createInProcess({ userId: bob.userId, service: 'tiktok', country: 'HR' }, much)),
    ).toEqual({
      status: 503,
      code: 'no_numbers_available',
    });
    expect((await createVerification(bob, { service: 'uber', country: 'HR' })).json.phoneNumber).toBe(number);
  });

  it('only while pending; a bad reason is a 400; another user gets a 404', async () => {
    await seedPool('BG', 1);
    const [owner, stranger] = await Promise.all([fundedUser(1000), fundedUser(0)]);
    const v = await created(owner, { service: 'amazon', country: 'BG' });

    expectProblem(
      await as(owner).post(`/v1/verifications/${v.id}/report`, { reason: 'bored' }),
      400,
      'validation_failed',
    );
    expectProblem(await as(owner).post(`/v1/verifications/${v.id}/report`, {}), 400, 'validation_failed');
    expectProblem(await report(stranger, v.id), 404, 'not_found');
    await deliverSms(v.phoneNumber, '123456 is your Amazon OTP. Do not share it with anyone.', 'Amazon');
    const problem = expectProblem(await report(owner, v.id, 'no_code'), 409, 'invalid_state');
    expect(problem.detail).toContain('received');
    expect((await getVerification(owner, v.id)).json.reported).toBe(false);
  });
});

describe('verification integrity: reuse', () => {
  it('completed → a new pending request on the same number and service, charged, idempotent', async () => {
    const [number] = await seedPool('CY', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'telegram', country: 'CY' });
    await deliverSms(v.phoneNumber, 'Telegram code: 40921', 'Telegram');
    await complete(user, v.id);

    // The number cools down for everyone else, not for its last renter's reuse.
    const first = await reuse(user, v.id, `reuse-${v.id}`);
    const replay = await reuse(user, v.id, `reuse-${v.id}`);

    expect(first.status).toBe(201);
    expect(first.json).toEqual(
      expect.objectContaining({
        service: 'telegram',
        phoneNumber: number,
        status: 'pending',
        priceCents: 25,
        codes: [],
        reuseOf: v.id,
      }),
    );
    expect(first.json.id).not.toBe(v.id);
    expect(replay.status).toBe(201);
    expect(replay.json).toEqual(first.json);
    expect(await balanceOf(user)).toBe(1000 - 2 * 25);
    expect(await ledgerFor(user, first.json.id, 'charge')).toHaveLength(1);
    // The new request works like any other.
    await deliverSms(number!, 'Telegram code: 77001', 'Telegram');
    expect((await getVerification(user, first.json.id)).json.codes.map((c) => c.code)).toEqual(['77001']);
  });

  it('409 invalid_state unless completed and at most 30 days old; 409 number_unavailable while someone else holds it', async () => {
    const [number] = await seedPool('MT', 1);
    const [alice, bob] = await Promise.all([fundedUser(1000), fundedUser(1000)]);
    const v = await created(alice, { service: 'discord', country: 'MT' });
    expectProblem(await reuse(alice, v.id), 409, 'invalid_state');
    await deliverSms(v.phoneNumber, 'Your Discord code is 558201', 'Discord');
    expectProblem(await reuse(alice, v.id), 409, 'invalid_state');
    await complete(alice, v.id);

    const old = new Date(Date.parse(v.createdAt) + 31 * 24 * 60 * MINUTE);
    expect(await failure(reuseInProcess({ userId: alice.userId, verificationId: v.id }, old))).toEqual({
      status: 409,
      code: 'invalid_state',
    });
    expectProblem(await reuse(bob, v.id), 404, 'not_found');

    // Bob rents it (another service) once the cool-down is over: Alice cannot reuse it meanwhile.
    await endCooldown(number!);
    const bobs = await created(bob, { service: 'google', country: 'MT' });
    expect(bobs.phoneNumber).toBe(number);
    expectProblem(await reuse(alice, v.id), 409, 'number_unavailable');
    // Bob released it: it now cools down for Bob, so still not for Alice.
    await cancel(bob, bobs.id);
    expectProblem(await reuse(alice, v.id), 409, 'number_unavailable');
    expect(await balanceOf(alice)).toBe(1000 - 12);
  });

  it('a cancelled request cannot be reused', async () => {
    await seedPool('LU', 1);
    const user = await fundedUser(1000);
    const v = await created(user, { service: 'steam', country: 'LU' });
    await cancel(user, v.id);
    expectProblem(await reuse(user, v.id), 409, 'invalid_state');
  });
});

describe('verification integrity: fair share', () => {
  it('GET /v1/plans shows activeVerifications: free 3, pro 20, business 100', async () => {
    const plans = await api.get<Array<{ id: string; limits: { activeVerifications: number } }>>('/v1/plans');
    expect(plans.json.map((p) => [p.id, p.limits.activeVerifications])).toEqual([
      ['free', 3],
      ['pro', 20],
      ['business', 100],
    ]);
  });

  it('a free user holds at most 3 active requests (403 limit_reached); a finished one frees a slot', async () => {
    await seedPool('IS', 5);
    const user = await fundedUser(1000, 'vrf', 'free');
    const three = [];
    for (let i = 0; i < 3; i++) three.push(await created(user, { service: 'other', country: 'IS' }));

    const fourth = await createVerification(user, { service: 'other', country: 'IS' });

    const problem = expectProblem(fourth, 403, 'limit_reached');
    expect(problem).toEqual(
      expect.objectContaining({ limit: 3, metric: 'activeVerifications', upgrade: { href: '/v1/plans' } }),
    );
    expect(await balanceOf(user)).toBe(1000 - 3 * 10);
    await cancel(user, three[0]!.id);
    expect((await createVerification(user, { service: 'other', country: 'IS' })).status).toBe(201);
    const { data } = await db()
      .entities.activeVerificationCount.get({ userId: user.userId })
      .go({ consistent: true });
    expect(data?.active).toBe(3);
  });
});
