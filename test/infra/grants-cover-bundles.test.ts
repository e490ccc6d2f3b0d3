import { build } from 'esbuild';
import { handlerEntry, PROJECT_ROOT } from '../../lib/constructs/app-function';
import { type FunctionPermissions, permissionsFor } from '../../lib/permissions';
import { synthesize } from './fixture';

/**
 * The kind "missing grant": a function whose code calls an AWS service it has no permission (or
 * no configuration) for works locally — the emulators check no IAM — and fails only in AWS.
 * Every function's bundle is built as CDK builds it (one esbuild run, metafile only), and every
 * AWS client that survives tree-shaking must be covered by the function's entry in
 * lib/permissions.ts. The few clients a function carries on a path it never takes are listed in
 * EXEMPT with the reason; a stale exemption fails too.
 */
const CLIENT_GRANTS: Readonly<Record<string, (p: FunctionPermissions) => boolean>> = {
  'client-sesv2': (p) => p.sesSend === true,
  'client-s3': (p) => p.bucket !== undefined,
  'client-sqs': (p) => p.sqsSend === true || p.webhookQueueSend === true,
  'client-apigatewaymanagementapi': (p) => p.wsManage === true,
  // Present, even empty: the public Cognito APIs need the pool ids and no IAM action.
  'client-cognito-identity-provider': (p) => p.cognito !== undefined,
  'client-pinpoint-sms-voice-v2': (p) => (p.smsVoice ?? []).length > 0,
  'client-api-gateway': (p) => p.apiKeys === true,
  // The SNS carrier fallback (SMS_CARRIER=sns) is granted with smsVoice 'send' (HandlerFunctions.grantSmsVoice).
  'client-sns': (p) => p.smsPublish === true || (p.smsVoice ?? []).includes('send'),
};

const EXEMPT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'accounts/delete-accounts': {
    'client-sesv2':
      'releaseNumberNow ends numbers without a notice (shared/numbers/renewals.ts expire, reason account_deleted)',
  },
  'sms/send-sms': {
    'client-s3': 'the message view presigns attachment downloads; SMS messages carry no attachments',
  },
  'sms/inbound': {
    'client-s3': 'the message view presigns attachment downloads; SMS messages carry no attachments',
  },
};

describe('every AWS client a function bundles is granted', () => {
  const { stateless } = synthesize();
  const modules = stateless.functions.all().map((fn) => fn.handlerModule);
  let bundled: Map<string, Set<string>>;

  beforeAll(async () => {
    const { metafile } = await build({
      entryPoints: Object.fromEntries(modules.map((m) => [m, handlerEntry(m)])),
      outdir: 'grants-check',
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'error',
      absWorkingDir: PROJECT_ROOT,
    });
    bundled = new Map();
    for (const [file, output] of Object.entries(metafile.outputs)) {
      const entry = modules.find((m) => file === `grants-check/${m}.js`);
      if (!entry) continue;
      const clients = Object.keys(CLIENT_GRANTS).filter((client) =>
        Object.keys(output.inputs).some((input) => input.includes(`node_modules/@aws-sdk/${client}/`)),
      );
      bundled.set(entry, new Set(clients));
    }
  }, 120_000);

  it('builds every function', () => {
    expect([...bundled.keys()].sort()).toEqual([...modules].sort());
  });

  it.each(modules)('%s', (handlerModule) => {
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
});
