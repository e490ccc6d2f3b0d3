import {
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { globalSignOut } from '../../../shared/auth/cognito';
import { resetConfig } from '../../../shared/platform/config';

/** In AWS a reset or password change signs the user out of Cognito everywhere (refresh tokens die). */
const cognito = mockClient(CognitoIdentityProviderClient);

beforeEach(() => {
  cognito.reset();
  process.env.USER_POOL_ID = 'eu-west-1_pool';
  process.env.USER_POOL_CLIENT_ID = 'client';
  process.env.SMSPROJ_RUNTIME = 'aws';
  delete process.env.COGNITO_ENDPOINT;
  resetConfig();
});

it('calls AdminUserGlobalSignOut for the user on the pool', async () => {
  cognito.on(AdminUserGlobalSignOutCommand).resolves({});
  await globalSignOut('ada@example.com');
  expect(cognito).toHaveReceivedCommandTimes(AdminUserGlobalSignOutCommand, 1);
  expect(cognito).toHaveReceivedCommandWith(AdminUserGlobalSignOutCommand, {
    UserPoolId: 'eu-west-1_pool',
    Username: 'ada@example.com',
  });
});

it('fails loudly in AWS when Cognito refuses it', async () => {
  cognito
    .on(AdminUserGlobalSignOutCommand)
    .rejects(Object.assign(new Error('nope'), { name: 'Unsupported' }));
  await expect(globalSignOut('ada@example.com')).rejects.toThrow('nope');
});
