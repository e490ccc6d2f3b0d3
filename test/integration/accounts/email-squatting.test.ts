import { randomUUID } from 'node:crypto';
import { CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { api } from '../helpers/api';
import { codeIn, latestEmail } from '../helpers/mailbox';

/**
 * Email squatting: a Cognito user created behind the platform's back (a direct SignUp with the
 * public client id) must not block the address's owner. In AWS self sign-up is disabled (the
 * platform registers users with admin calls); cognito-local does not enforce that, and either
 * way an unconfirmed Cognito user without a platform user is replaced on registration.
 */
it('registers an email that someone squatted with a direct Cognito SignUp', async () => {
  const unique = randomUUID().replaceAll('-', '').slice(0, 10);
  const email = `squat-${unique}@example.test`;
  const cognito = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: process.env.COGNITO_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await cognito.send(
    new SignUpCommand({
      ClientId: process.env.USER_POOL_CLIENT_ID,
      Username: email,
      Password: 'Squatter-pass-1',
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );

  const password = 'Owner-pass-123';
  const registered = await api.post('/v1/auth/register', { email, username: `owner_${unique}`, password });
  expect(registered.status).toBe(201);
  const code = codeIn(await latestEmail(email));
  expect((await api.post('/v1/auth/verify-email', { email, code })).status).toBe(200);
  expect((await api.post('/v1/auth/login', { email, password })).status).toBe(200);
  expect((await api.post('/v1/auth/login', { email, password: 'Squatter-pass-1' })).status).toBe(401);
});
