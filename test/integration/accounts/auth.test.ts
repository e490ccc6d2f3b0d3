import { createHmac, randomUUID } from 'node:crypto';
import { api, expectProblem } from '../helpers/api';
import { codeIn, latestEmail } from '../helpers/mailbox';
import { signedInUser } from '../helpers/session';

const unique = () => randomUUID().replaceAll('-', '').slice(0, 10);
const password = 'Correct-horse-9';

/** A signed token that is not from the user pool: same claims, forged signature. */
function forge(token: string, header: Record<string, unknown>): string {
  const [, payload] = token.split('.');
  const head = Buffer.from(JSON.stringify(header)).toString('base64url');
  const sig =
    header.alg === 'none'
      ? ''
      : createHmac('sha256', 'attacker').update(`${head}.${payload}`).digest('base64url');
  return `${head}.${payload}.${sig}`;
}

describe('accounts: register, verify, login, me, logout (Requirement 1)', () => {
  it('walks the whole flow exactly as API.md describes', async () => {
    const email = `ada-${unique()}@example.test`;
    const username = `Ada_${unique()}`;
    const since = new Date();

    const registered = await api.post('/v1/auth/register', {
      email,
      username,
      password,
      fullName: 'Ada Lovelace',
    });
    expect(registered.status).toBe(201);
    expect(registered.json).toEqual({
      userId: expect.stringMatching(/^usr_[0-9a-f]{32}$/),
      email,
      username: username.toLowerCase(),
      fullName: 'Ada Lovelace',
      emailVerified: false,
    });

    // Not verified yet: login is refused with 403 email_not_verified.
    expectProblem(await api.post('/v1/auth/login', { email, password }), 403, 'email_not_verified');

    const mail = await latestEmail(email, { since });
    expect(mail.subject).toMatch(/verification/i);
    const wrongCode = String((Number(codeIn(mail)) + 1) % 1_000_000).padStart(6, '0');
    expectProblem(await api.post('/v1/auth/verify-email', { email, code: wrongCode }), 400, 'invalid_code');
    const verified = await api.post('/v1/auth/verify-email', { email, code: codeIn(mail) });
    expect(verified.status).toBe(200);
    expect(verified.json).toEqual({ emailVerified: true });

    // Login by username works too, case-insensitively.
    const login = await api.post<{
      accessToken: string;
      refreshToken: string;
      expiresIn: number;
      tokenType: string;
    }>('/v1/auth/login', { email: username.toUpperCase(), password });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ tokenType: 'Bearer', expiresIn: expect.any(Number) });
    const { accessToken, refreshToken } = login.json;

    const me = await api.get('/v1/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      userId: registered.json && (registered.json as { userId: string }).userId,
      email,
      username: username.toLowerCase(),
      fullName: 'Ada Lovelace',
      emailVerified: true,
      plan: 'free',
      balanceCents: 0,
      createdAt: expect.any(String),
    });
    expect(me.headers.get('ratelimit-limit')).toBeTruthy();

    const refreshed = await api.post<{ accessToken: string }>('/v1/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await api.get('/v1/me', { token: refreshed.json.accessToken })).status).toBe(200);

    const logout = await api.post('/v1/auth/logout', { refreshToken }, { token: accessToken });
    expect(logout.status).toBe(204);
    expectProblem(await api.get('/v1/me', { token: accessToken }), 401, 'unauthorized');
    expectProblem(await api.post('/v1/auth/refresh', { refreshToken }), 401, 'unauthorized');
  });

  it('answers invalid_credentials identically for an unknown user and a wrong password', async () => {
    const user = await signedInUser('creds');
    const unknown = await api.post('/v1/auth/login', { email: `nobody-${unique()}@example.test`, password });
    const wrong = await api.post('/v1/auth/login', { email: user.email, password: 'Wrong-password-1' });
    const a = expectProblem(unknown, 401, 'invalid_credentials');
    const b = expectProblem(wrong, 401, 'invalid_credentials');
    expect(a).toEqual(b);
  });

  it('refuses taken emails and usernames with 409', async () => {
    const user = await signedInUser('dupe');
    expectProblem(
      await api.post('/v1/auth/register', { email: user.email, username: `other_${unique()}`, password }),
      409,
      'email_taken',
    );
    expectProblem(
      await api.post('/v1/auth/register', {
        email: `x-${unique()}@example.test`,
        username: user.username.toUpperCase(),
        password,
      }),
      409,
      'username_taken',
    );
  });

  it.each([
    ['a bad email', { email: 'not-an-email', username: 'valid_name', password }, 'body.email'],
    ['a short username', { email: 'a@example.test', username: 'ab', password }, 'body.username'],
    [
      'a username with symbols',
      { email: 'a@example.test', username: 'bad-name!', password },
      'body.username',
    ],
    [
      'a short password',
      { email: 'a@example.test', username: 'valid_name', password: 'Aa1short' },
      'body.password',
    ],
    [
      'a password without a digit',
      { email: 'a@example.test', username: 'valid_name', password: 'NoDigitsHere' },
      'body.password',
    ],
    [
      'a password without upper case',
      { email: 'a@example.test', username: 'valid_name', password: 'lowercase123' },
      'body.password',
    ],
    [
      'an unknown field',
      { email: 'a@example.test', username: 'valid_name', password, plan: 'business' },
      'body',
    ],
  ])('rejects registration with %s (400 validation_failed)', async (_name, body, path) => {
    const problem = expectProblem(await api.post('/v1/auth/register', body), 400, 'validation_failed');
    expect(problem.errors?.some((e) => e.path.startsWith(path))).toBe(true);
  });

  it('answers 202 to resend-verification and forgot-password for unknown emails too', async () => {
    expect(
      (await api.post('/v1/auth/resend-verification', { email: `ghost-${unique()}@example.test` })).status,
    ).toBe(202);
    expect(
      (await api.post('/v1/auth/forgot-password', { email: `ghost-${unique()}@example.test` })).status,
    ).toBe(202);
  });

  it('resets a forgotten password with the emailed code and ends old sessions', async () => {
    const user = await signedInUser('reset');
    // Let the second-granular issued-at of the existing session fall before the reset.
    await new Promise((r) => setTimeout(r, 1100));
    const since = new Date();
    expect((await api.post('/v1/auth/forgot-password', { email: user.email })).status).toBe(202);
    const code = codeIn(await latestEmail(user.email, { since }));
    expectProblem(
      await api.post('/v1/auth/reset-password', { email: user.email, code, newPassword: 'weak' }),
      400,
      'validation_failed',
    );
    const newPassword = 'Brand-new-pass-7';
    expect((await api.post('/v1/auth/reset-password', { email: user.email, code, newPassword })).status).toBe(
      204,
    );
    expectProblem(
      await api.post('/v1/auth/reset-password', { email: user.email, code, newPassword }),
      400,
      'invalid_code',
    );
    // Tokens issued before the reset no longer work.
    expectProblem(await api.get('/v1/me', { token: user.accessToken }), 401, 'unauthorized');
    expectProblem(
      await api.post('/v1/auth/login', { email: user.email, password: user.password }),
      401,
      'invalid_credentials',
    );
    expect((await api.post('/v1/auth/login', { email: user.email, password: newPassword })).status).toBe(200);
  });

  it.each([
    ['no credentials', {}],
    ['a malformed Authorization header', { headers: { authorization: 'Basic abc' } }],
    ['a random bearer token', { token: 'not.a.jwt' }],
  ])('answers 401 problem+json for %s', async (_name, options) => {
    expectProblem(await api.get('/v1/me', options), 401, 'unauthorized');
  });

  it('rejects tampered, alg:none and re-signed tokens', async () => {
    const user = await signedInUser('forge');
    const [head, payload, sig] = user.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url')}.${sig}`;
    expectProblem(await api.get('/v1/me', { token: tampered }), 401, 'unauthorized');
    expectProblem(
      await api.get('/v1/me', { token: forge(user.accessToken, { alg: 'none', typ: 'JWT' }) }),
      401,
      'unauthorized',
    );
    expectProblem(
      await api.get('/v1/me', {
        token: forge(user.accessToken, { alg: 'HS256', typ: 'JWT', kid: 'CognitoLocal' }),
      }),
      401,
      'unauthorized',
    );
    const expired = `${head}.${Buffer.from(JSON.stringify({ ...claims, exp: 1_000_000 })).toString('base64url')}.${sig}`;
    expectProblem(await api.get('/v1/me', { token: expired }), 401, 'unauthorized');
  });
});
