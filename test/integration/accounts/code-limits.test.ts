import { randomUUID } from 'node:crypto';
import { issueCode } from '../../../shared/auth/codes';
import { findUserIdBy } from '../../../shared/auth/users';
import { api, expectProblem } from '../helpers/api';
import { codeIn, latestEmail } from '../helpers/mailbox';
import { signedInUser } from '../helpers/session';

/**
 * Emailed codes cannot be brute-forced (../shared/API.md "v1.1 Security and abuse limits"):
 * 5 wrong guesses burn a code, 10 wrong guesses per address and purpose per hour across
 * reissued codes, counted atomically before the comparison, and at most one code email per
 * 60 s (5 per hour) per address and purpose.
 */
const unique = () => randomUUID().replaceAll('-', '').slice(0, 10);
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const newPassword = 'Brand-new-pass-7';

async function mailCount(to: string): Promise<number> {
  const res = await api.get<{ items: unknown[] }>(`/dev/mailbox?to=${encodeURIComponent(to)}`);
  return res.json.items.length;
}

describe('emailed codes: attempt limits', () => {
  it('burns a reset code after 5 wrong guesses (the right code then fails too)', async () => {
    const user = await signedInUser('burn');
    const since = new Date();
    expect((await api.post('/v1/auth/forgot-password', { email: user.email })).status).toBe(202);
    const code = codeIn(await latestEmail(user.email, { since }));
    for (let i = 0; i < 5; i++) {
      expectProblem(
        await api.post('/v1/auth/reset-password', { email: user.email, code: wrong(code), newPassword }),
        400,
        'invalid_code',
      );
    }
    expectProblem(
      await api.post('/v1/auth/reset-password', { email: user.email, code, newPassword }),
      400,
      'invalid_code',
    );
  });

  it('counts wrong guesses across reissued codes: the 11th attempt is 429 even with the right code', async () => {
    const user = await signedInUser('reissue');
    const userId = await findUserIdBy('email', user.email);
    if (!userId) throw new Error('no user');
    // Two codes, 5 wrong guesses each (a reissue straight through the service: the email cap is another test).
    for (let round = 0; round < 2; round++) {
      const code = await issueCode(userId, 'reset-password');
      for (let i = 0; i < 5; i++) {
        expectProblem(
          await api.post('/v1/auth/reset-password', { email: user.email, code: wrong(code), newPassword }),
          400,
          'invalid_code',
        );
      }
    }
    const fresh = await issueCode(userId, 'reset-password');
    const res = await api.post('/v1/auth/reset-password', { email: user.email, code: fresh, newPassword });
    expectProblem(res, 429, 'too_many_attempts');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // The password was not changed.
    expect((await api.post('/v1/auth/login', { email: user.email, password: user.password })).status).toBe(
      200,
    );
  });

  it('limits unknown addresses exactly like known ones', async () => {
    const email = `ghost-${unique()}@example.test`;
    for (let i = 0; i < 10; i++) {
      expectProblem(await api.post('/v1/auth/verify-email', { email, code: '123456' }), 400, 'invalid_code');
    }
    const res = await api.post('/v1/auth/verify-email', { email, code: '123456' });
    expectProblem(res, 429, 'too_many_attempts');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts parallel guesses atomically: 30 concurrent wrong guesses give exactly 10 answers past the limit check', async () => {
    const email = `parallel-${unique()}@example.test`;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        api.post('/v1/auth/reset-password', { email, code: '000000', newPassword }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });

  it('burns a code after exactly 5 of many parallel wrong guesses, so the right code fails after them', async () => {
    const user = await signedInUser('parburn');
    const userId = await findUserIdBy('email', user.email);
    if (!userId) throw new Error('no user');
    const code = await issueCode(userId, 'reset-password');
    // 9 parallel wrong guesses: under the address limit, over the code's.
    await Promise.all(
      Array.from({ length: 9 }, () =>
        api.post('/v1/auth/reset-password', { email: user.email, code: wrong(code), newPassword }),
      ),
    );
    expectProblem(
      await api.post('/v1/auth/reset-password', { email: user.email, code, newPassword }),
      400,
      'invalid_code',
    );
  });
});

describe('emailed codes: issuance cap', () => {
  it('sends at most one reset email per address per 60 s and still answers 202', async () => {
    const user = await signedInUser('cap');
    const before = await mailCount(user.email);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => api.post('/v1/auth/forgot-password', { email: user.email })),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202]);
    await latestEmail(user.email, { since: new Date(Date.now() - 60_000) });
    expect(await mailCount(user.email)).toBe(before + 1);
  });

  it('sends no second verification email within 60 s of the first', async () => {
    const email = `resend-${unique()}@example.test`;
    const username = `resend_${unique()}`;
    expect(
      (await api.post('/v1/auth/register', { email, username, password: 'Correct-horse-9' })).status,
    ).toBe(201);
    await latestEmail(email);
    expect((await api.post('/v1/auth/resend-verification', { email })).status).toBe(202);
    expect((await api.post('/v1/auth/resend-verification', { email })).status).toBe(202);
    expect(await mailCount(email)).toBe(1);
  });
});
