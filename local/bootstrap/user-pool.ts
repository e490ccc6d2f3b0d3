import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';

export interface UserPoolIds {
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

const POOL_NAME = 'smsproj-local';
const CLIENT_NAME = 'smsproj-local-app';

const savedIds = z.object({ userPoolId: z.string().min(1), userPoolClientId: z.string().min(1) });

/**
 * The user pool and app client, created once and remembered in `idsFile` so that users and
 * tokens survive restarts. Mirrors the deployed pool: email is the username, password policy
 * of ../shared/API.md, no auto-verified attribute (the platform sends its own verification
 * code) and a public client (no secret) allowing USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH.
 */
export async function ensureUserPool(
  client: CognitoIdentityProviderClient,
  idsFile: string,
): Promise<UserPoolIds> {
  const saved = await readSavedIds(idsFile);
  const userPoolId =
    saved && (await poolExists(client, saved.userPoolId)) ? saved.userPoolId : await createPool(client);
  const userPoolClientId =
    saved &&
    saved.userPoolId === userPoolId &&
    (await clientExists(client, userPoolId, saved.userPoolClientId))
      ? saved.userPoolClientId
      : await createClient(client, userPoolId);
  const ids = { userPoolId, userPoolClientId };
  await mkdir(dirname(idsFile), { recursive: true });
  await writeFile(idsFile, `${JSON.stringify(ids, null, 2)}\n`, 'utf8');
  return ids;
}

async function readSavedIds(file: string): Promise<UserPoolIds | undefined> {
  try {
    const parsed = savedIds.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // No file yet (first start) or an unreadable one: create a fresh pool.
    return undefined;
  }
}

async function poolExists(client: CognitoIdentityProviderClient, userPoolId: string): Promise<boolean> {
  return found(() => client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })));
}

async function clientExists(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  clientId: string,
): Promise<boolean> {
  return found(() =>
    client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })),
  );
}

async function found(describe: () => Promise<unknown>): Promise<boolean> {
  try {
    await describe();
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

async function createPool(client: CognitoIdentityProviderClient): Promise<string> {
  const result = await client.send(
    new CreateUserPoolCommand({
      PoolName: POOL_NAME,
      UsernameAttributes: ['email'],
      // AutoVerifiedAttributes deliberately absent: with it cognito-local (and Cognito) would send
      // their own code; an empty list even makes cognito-local reject sign-ups.
      Policies: {
        PasswordPolicy: {
          MinimumLength: 10,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
        },
      },
    }),
  );
  const id = result.UserPool?.Id;
  if (!id) throw new Error('cognito-local returned no user pool id');
  return id;
}

async function createClient(client: CognitoIdentityProviderClient, userPoolId: string): Promise<string> {
  const result = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: CLIENT_NAME,
      GenerateSecret: false,
      // As in AWS (lib/constructs/identity.ts); cognito-local does not enforce it.
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      // API.md: access tokens expire (default 1 h).
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
      EnableTokenRevocation: true,
    }),
  );
  const id = result.UserPoolClient?.ClientId;
  if (!id) throw new Error('cognito-local returned no app client id');
  return id;
}
