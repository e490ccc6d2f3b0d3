import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { api, expectProblem } from '../helpers/api';
import { codeIn, latestEmail } from '../helpers/mailbox';
import { signedInUser, type TestUser } from '../helpers/session';
import { connectWs, type WsClient } from '../helpers/ws';

/**
 * Sessions end everywhere (../shared/API.md "v1.1 Security and abuse limits"): no refresh
 * token issued before a reset or password change works after it — also one obtained straight
 * from Cognito, which the platform never saw — and WebSocket connections close: the session's
 * own sockets on logout, all of the user's sockets on a reset or password change.
 */

/** A refresh token obtained from the user pool directly with the password (not via the platform). */
async function refreshTokenFromCognito(user: TestUser): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: process.env.COGNITO_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const out = await cognito.send(
    new InitiateAuthCommand({
      ClientId: process.env.USER_POOL_CLIENT_ID,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    }),
  );
  const token = out.AuthenticationResult?.RefreshToken;
  if (!token) throw new Error('cognito-local returned no refresh token');
  return token;
}

async function secondSession(user: TestUser): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await api.post<{ accessToken: string; refreshToken: string }>('/v1/auth/login', {
    email: user.email,
    password: user.password,
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  return res.json;
}

async function resetPassword(user: TestUser, newPassword: string): Promise<void> {
  const since = new Date();
  expect((await api.post('/v1/auth/forgot-password', { email: user.email })).status).toBe(202);
  const code = codeIn(await latestEmail(user.email, { since }));
  expect((await api.post('/v1/auth/reset-password', { email: user.email, code, newPassword })).status).toBe(
    204,
  );
}

/** The server closed the socket (a generous bound: the close is sent before the HTTP answer). */
function closedSoon(ws: WsClient): Promise<{ code: number; reason: string }> {
  return Promise.race([
    ws.closed(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('socket still open')), 10_000)),
  ]);
}

/** The socket still answers a ping. */
async function stillOpen(ws: WsClient): Promise<void> {
  const before = ws.events.length;
  ws.send({ action: 'ping' });
  await ws.waitFor((e) => ws.events.indexOf(e) >= before && (e as { type?: string }).type === 'pong');
}

describe('refresh tokens issued before a reset or password change', () => {
  it('a reset ends refresh tokens the platform never saw (straight from Cognito)', async () => {
    const user = await signedInUser('rtreset');
    const direct = await refreshTokenFromCognito(user);
    expect((await api.post('/v1/auth/refresh', { refreshToken: direct })).status).toBe(200);
    await resetPassword(user, 'Brand-new-pass-7');
    expectProblem(await api.post('/v1/auth/refresh', { refreshToken: direct }), 401, 'unauthorized');
    expectProblem(
      await api.post('/v1/auth/refresh', { refreshToken: user.refreshToken }),
      401,
      'unauthorized',
    );
    // A login right after the reset (possibly in the same second) gets working tokens.
    const fresh = await api.post<{ accessToken: string; refreshToken: string }>('/v1/auth/login', {
      email: user.email,
      password: 'Brand-new-pass-7',
    });
    expect(fresh.status).toBe(200);
    expect((await api.get('/v1/me', { token: fresh.json.accessToken })).status).toBe(200);
    expect((await api.post('/v1/auth/refresh', { refreshToken: fresh.json.refreshToken })).status).toBe(200);
  });

  it('a password change ends every refresh token issued before it, the caller’s included', async () => {
    const user = await signedInUser('rtchange');
    const direct = await refreshTokenFromCognito(user);
    const changed = await api.post(
      '/v1/me/password',
      { currentPassword: user.password, newPassword: 'Another-pass-99' },
      { token: user.accessToken },
    );
    expect(changed.status).toBe(204);
    expectProblem(await api.post('/v1/auth/refresh', { refreshToken: direct }), 401, 'unauthorized');
    expectProblem(
      await api.post('/v1/auth/refresh', { refreshToken: user.refreshToken }),
      401,
      'unauthorized',
    );
  });
});

describe('WebSocket connections end with the credentials', () => {
  it('logout closes the sockets of that session only', async () => {
    const user = await signedInUser('wslogout');
    const other = await secondSession(user);
    const [mine, mineToo, theirs] = await Promise.all([
      connectWs(user.accessToken),
      connectWs(user.accessToken),
      connectWs(other.accessToken),
    ]);
    expect(
      (await api.post('/v1/auth/logout', { refreshToken: user.refreshToken }, { token: user.accessToken }))
        .status,
    ).toBe(204);
    await Promise.all([closedSoon(mine), closedSoon(mineToo)]);
    await stillOpen(theirs);
    await theirs.close();
  });

  it('a password reset closes all of the user’s sockets', async () => {
    const user = await signedInUser('wsreset');
    const other = await secondSession(user);
    const sockets = await Promise.all([connectWs(user.accessToken), connectWs(other.accessToken)]);
    await resetPassword(user, 'Brand-new-pass-7');
    await Promise.all(sockets.map(closedSoon));
  });

  it('a password change closes all of the user’s sockets', async () => {
    const user = await signedInUser('wschange');
    const other = await secondSession(user);
    const sockets = await Promise.all([connectWs(user.accessToken), connectWs(other.accessToken)]);
    const changed = await api.post(
      '/v1/me/password',
      { currentPassword: user.password, newPassword: 'Another-pass-99' },
      { token: user.accessToken },
    );
    expect(changed.status).toBe(204);
    await Promise.all(sockets.map(closedSoon));
  });
});
