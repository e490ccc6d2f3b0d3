import { build } from 'esbuild';
import { handlerEntry, PROJECT_ROOT } from '../../lib/constructs/app-function';
import { lambdaBuildOptions } from '../../lib/constructs/function-environment';
import { type FunctionPermissions, permissionsFor } from '../../lib/permissions';
import { synthesize } from './fixture';

/**
 * Every function's bundle, built as CDK builds it (one esbuild run, metafile only), checked twice.
 *
 * The kind "missing grant": a function whose code calls an AWS service it has no permission (or
 * no configuration) for works locally — the emulators check no IAM — and fails only in AWS.
 * Every AWS client that survives tree-shaking must be covered by the function's entry in
 * lib/permissions.ts. The few clients a function carries on a path it never takes are listed in
 * EXEMPT with the reason; a stale exemption fails too.
 */
const CLIENT_GRANTS: Readonly<Record<string, (p: FunctionPermissions) => boolean>> = {
  'client-sesv2': (p) => p.sesSend === true,
  'client-s3': (p) => p.bucket !== undefined,
  // A presigned URL or form acts with the signing role's rights: the presigners need the bucket
  // grant too (the SDK's for downloads, ours for uploads: a module path, not a package).
  's3-request-presigner': (p) => p.bucket !== undefined,
  'shared/platform/adapters/presigned-post.ts': (p) => p.bucket !== undefined,
  'client-sqs': (p) => p.sqsSend === true || p.webhookQueueSend === true,
  'client-apigatewaymanagementapi': (p) => p.wsManage === true,
  // Present, even empty: the public Cognito APIs need the pool ids and no IAM action.
  'client-cognito-identity-provider': (p) => p.cognito !== undefined,
  'client-pinpoint-sms-voice-v2': (p) => (p.smsVoice ?? []).length > 0,
  'client-api-gateway': (p) => p.apiKeys === true,
  // The SNS carrier fallback (SMS_CARRIER=sns) is granted with smsVoice 'send' (HandlerFunctions.grantSmsVoice).
  'client-sns': (p) => p.smsPublish === true || (p.smsVoice ?? []).includes('send'),
};

const EXEMPT: Readonly<Record<string, Readonly<Record<string, string>>>> = {};

/**
 * Packages a function must not carry (issue 17: each function loads only what it uses). A path
 * that starts reaching one again fails here, with the package named, before the bench shows it.
 */
const MUST_NOT_CARRY: ReadonlyArray<readonly [handlerModule: string, pkg: string, why: string]> = [
  ['auth/authorizer', 'electrodb', 'reads through lib-dynamodb (shared/auth/authorizer-reads.ts)'],
  ['auth/ws-authorizer', 'electrodb', 'reads through lib-dynamodb (shared/auth/authorizer-reads.ts)'],
  ['sms/send-sms', '@aws-sdk/client-s3', 'SMS messages carry no attachments (shared/conversations/media.ts)'],
  ['sms/inbound', '@aws-sdk/client-s3', 'SMS messages carry no attachments (shared/conversations/media.ts)'],
  ['sms/send-sms', '@aws-sdk/client-sesv2', 'usage warnings are queued (shared/notifications/queue.ts)'],
  ...[
    'conversations/list-messages',
    'conversations/search-messages',
    'accounts/get-export',
    'verifications/get-export',
  ].map(
    (handlerModule) =>
      [
        handlerModule,
        '@aws-sdk/client-s3',
        'download links are presigned without an S3 client (shared/platform/adapters/presigned-get.ts)',
      ] as const,
  ),
  ...['@aws-sdk/client-s3', '@aws-sdk/s3-presigned-post'].map(
    (pkg) =>
      [
        'conversations/create-attachment',
        pkg,
        'upload forms are presigned without an S3 client (shared/platform/adapters/presigned-post.ts)',
      ] as const,
  ),
  [
    'conversations/send-message',
    '@aws-sdk/client-sesv2',
    'usage warnings are queued (shared/notifications/queue.ts)',
  ],
  ['accounts/list-plans', 'electrodb', 'plans are constants'],
  [
    'accounts/delete-accounts',
    '@aws-sdk/client-sesv2',
    'deleted accounts’ numbers end without a notice (shared/numbers/expiry.ts)',
  ],
  [
    'sms/send-sms',
    'jsonschema',
    "ElectroDB's model checker is aliased away (lib/constructs/function-environment.ts)",
  ],
];

/**
 * The SDK's default credential chain beyond its environment link: Lambda only ever answers from
 * the environment, so every bundle takes its credentials from shared/platform/lambda-credentials.ts
 * (BUNDLE_ALIASES) and none carries these.
 */
const CREDENTIAL_CHAIN = [
  '@aws-sdk/credential-provider-node',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/nested-clients',
  '@smithy/credential-provider-imds',
];

describe('what each function bundles', () => {
  const { stateless } = synthesize();
  const modules = stateless.functions.all().map((fn) => fn.handlerModule);
  let bundled: Map<string, Set<string>>;
  let packages: Map<string, Set<string>>;

  beforeAll(async () => {
    const { metafile } = await build({
      ...lambdaBuildOptions(PROJECT_ROOT),
      entryPoints: Object.fromEntries(modules.map((m) => [m, handlerEntry(m)])),
      outdir: 'bundle-check',
      write: false,
      // The packages each function carries are what is measured, not the output's form.
      minify: false,
      sourcemap: false,
      metafile: true,
    });
    bundled = new Map();
    packages = new Map();
    for (const [file, output] of Object.entries(metafile.outputs)) {
      const entry = modules.find((m) => file === `bundle-check/${m}.js`);
      if (!entry) continue;
      packages.set(
        entry,
        new Set(
          Object.keys(output.inputs).flatMap(
            (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? [],
          ),
        ),
      );
      const clients = Object.keys(CLIENT_GRANTS).filter((client) =>
        Object.keys(output.inputs).some((input) =>
          client.startsWith('shared/')
            ? input === client
            : input.includes(`node_modules/@aws-sdk/${client}/`),
        ),
      );
      bundled.set(entry, new Set(clients));
    }
  }, 120_000);

  it('builds every function', () => {
    expect([...bundled.keys()].sort()).toEqual([...modules].sort());
  });

  it.each(modules)('%s: every AWS client it bundles is granted (lib/permissions.ts)', (handlerModule) => {
    const permissions = permissionsFor(handlerModule);
    const exempt = EXEMPT[handlerModule] ?? {};
    const clients = bundled.get(handlerModule) ?? new Set<string>();
    const ungranted = [...clients].filter(
      (client) => !CLIENT_GRANTS[client]!(permissions) && exempt[client] === undefined,
    );
    const staleExemptions = Object.keys(exempt).filter(
      (client) => !clients.has(client) || CLIENT_GRANTS[client]!(permissions),
    );
    expect({ ungranted, staleExemptions }).toEqual({ ungranted: [], staleExemptions: [] });
  });

  it.each(modules)('%s carries no credential provider but the environment one', (handlerModule) => {
    const carried = [...(packages.get(handlerModule) ?? [])].filter((pkg) => CREDENTIAL_CHAIN.includes(pkg));
    expect(carried).toEqual([]);
  });

  it.each(MUST_NOT_CARRY)('%s carries no %s: %s', (handlerModule, pkg) => {
    expect(packages.get(handlerModule)?.has(pkg)).toBe(false);
  });
});
