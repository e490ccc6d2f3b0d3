import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { port } from '../platform/adapters/port';
import { config, EMULATOR_CREDENTIALS } from '../platform/config';

/**
 * The Cognito calls the platform makes, in one place. Locally the endpoint is cognito-local.
 * Errors keep Cognito's exception names (`error.name`) so services can map them.
 */
let client: CognitoIdentityProviderClient | undefined;

function cognito(): CognitoIdentityProviderClient {
  if (client) return client;
  const { COGNITO_ENDPOINT } = config('cognito');
  client = new CognitoIdentityProviderClient({
    region: config('core').AWS_REGION,
    ...(COGNITO_ENDPOINT ? { endpoint: COGNITO_ENDPOINT, credentials: EMULATOR_CREDENTIALS } : {}),
  });
  return client;
}

const pool = () => config('cognito').USER_POOL_ID;
const appClient = () => config('cognito').USER_POOL_CLIENT_ID;

export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly expiresIn: number;
}

/**
 * Creates the Cognito user with admin calls only (self sign-up is disabled on the pool, so
 * nobody can claim an email behind the platform's back): AdminCreateUser without Cognito's
 * own invitation, then the password, permanent (Cognito hashes it). Returns the user's `sub`.
 * If the password is refused, the half-created user is deleted again.
 */
export async function createUser(email: string, password: string): Promise<string> {
  const out = await cognito().send(
    new AdminCreateUserCommand({
      UserPoolId: pool(),
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  const sub = out.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
  if (!sub) throw new Error('Cognito AdminCreateUser returned no sub');
  try {
    await setPassword(email, password);
  } catch (error) {
    await deleteUser(email);
    throw error;
  }
  return sub;
}

/** A Cognito user's `sub` and status, or undefined when there is none. */
export async function findUser(email: string): Promise<{ sub: string; status: string } | undefined> {
  try {
    const out = await cognito().send(new AdminGetUserCommand({ UserPoolId: pool(), Username: email }));
    const sub = out.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    return sub ? { sub, status: out.UserStatus ?? 'UNKNOWN' } : undefined;
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return undefined;
    throw error;
  }
}

export async function deleteUser(email: string): Promise<void> {
  await cognito().send(new AdminDeleteUserCommand({ UserPoolId: pool(), Username: email }));
}

/** Marks the user confirmed with a verified email, once the platform's own code was checked. */
export async function confirmEmail(email: string): Promise<void> {
  try {
    await cognito().send(new AdminConfirmSignUpCommand({ UserPoolId: pool(), Username: email }));
  } catch (error) {
    // Already confirmed (e.g. a retried verification): nothing left to do.
    if ((error as Error).name !== 'NotAuthorizedException') throw error;
  }
  await cognito().send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: pool(),
      Username: email,
      // cognito-local (like Cognito for an alias change) wants the email alongside email_verified.
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
}

/**
 * Where the user pool's answers differ from Cognito's: cognito-local (local/adapters/cognito-local.ts)
 * answers a wrong password with InvalidPasswordException where Cognito answers
 * NotAuthorizedException, and lacks some admin operations. In AWS both are the identity.
 */
export interface CognitoDialect {
  /** The error Cognito itself would have thrown. */
  asCognitoError(error: Error): Error;
  /** True when the error only says the user pool does not implement the operation. */
  isUnsupported(error: Error): boolean;
}

const cognitoItself: CognitoDialect = { asCognitoError: (error) => error, isUnsupported: () => false };

export const cognitoDialect = /* @__PURE__ */ port(() => cognitoItself);

async function inCognitoTerms<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw cognitoDialect().asCognitoError(error as Error);
  }
}

/**
 * Password login with the admin flow (ADMIN_USER_PASSWORD_AUTH, IAM-signed): the app client
 * allows no password flow to anonymous callers, so nobody obtains tokens from Cognito directly
 * with a password, around the platform's checks and session records.
 */
export async function passwordLogin(email: string, password: string): Promise<Tokens> {
  const out = await inCognitoTerms(() =>
    cognito().send(
      new AdminInitiateAuthCommand({
        UserPoolId: pool(),
        ClientId: appClient(),
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    ),
  );
  return toTokens(out.AuthenticationResult);
}

export async function refreshLogin(refreshToken: string): Promise<Tokens> {
  const out = await cognito().send(
    new InitiateAuthCommand({
      ClientId: appClient(),
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  return toTokens(out.AuthenticationResult);
}

export async function revokeRefreshToken(refreshToken: string): Promise<void> {
  await cognito().send(new RevokeTokenCommand({ ClientId: appClient(), Token: refreshToken }));
}

export async function setPassword(email: string, password: string): Promise<void> {
  await cognito().send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool(),
      Username: email,
      Password: password,
      Permanent: true,
    }),
  );
}

/**
 * Cognito's global sign-out: every refresh token of the user stops working in Cognito (access
 * tokens stay cryptographically valid; the authorizer's `tokensValidAfter` check ends them).
 * cognito-local does not implement it; locally the platform-side checks alone end the sessions.
 */
export async function globalSignOut(email: string): Promise<void> {
  try {
    await cognito().send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool(), Username: email }));
  } catch (error) {
    if (cognitoDialect().isUnsupported(error as Error)) return;
    throw error;
  }
}

export async function changePassword(accessToken: string, current: string, next: string): Promise<void> {
  await inCognitoTerms(() =>
    cognito().send(
      new ChangePasswordCommand({
        AccessToken: accessToken,
        PreviousPassword: current,
        ProposedPassword: next,
      }),
    ),
  );
}

function toTokens(
  result: { AccessToken?: string; RefreshToken?: string; IdToken?: string; ExpiresIn?: number } | undefined,
): Tokens {
  if (!result?.AccessToken) throw new Error('Cognito returned no tokens (challenge flows are not enabled)');
  return {
    accessToken: result.AccessToken,
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    ...(result.IdToken ? { idToken: result.IdToken } : {}),
    expiresIn: result.ExpiresIn ?? 3600,
  };
}
