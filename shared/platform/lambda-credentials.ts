import { fromEnv } from '@aws-sdk/credential-provider-env';

type Provider = ReturnType<typeof fromEnv>;
type Credentials = Awaited<ReturnType<Provider>>;

/**
 * What Lambda bundles get for `@aws-sdk/credential-provider-node` (the bundler alias in
 * lib/constructs/function-environment.ts). Every SDK client's default configuration imports that
 * package's credential chain: environment, SSO, ini files, credential_process, web identity,
 * container and instance metadata — with the STS, SSO and sign-in clients those need. In Lambda
 * only the first link ever answers: the runtime hands each function its role's credentials in
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. So the bundles keep that link
 * and drop the rest: about 100 KB less in every bundle with an AWS client, and init time with it
 * (bench/RESULTS.md, "Cold start"). The local runtime and the tests are not bundled and keep the
 * SDK's own chain. test/unit/platform/lambda-credentials.test.ts checks the answers.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): Provider => fromEnv(init);

/** The package's other exports, with its definitions (5 minutes before expiry counts as expired). */
export const credentialsWillNeedRefresh = (credentials?: Credentials): boolean =>
  credentials?.expiration !== undefined;

export const credentialsTreatedAsExpired = (credentials?: Credentials): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
