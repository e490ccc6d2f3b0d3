/**
 * What each Lambda handler module may touch. The route table says which module serves which
 * route, not which AWS resources it needs, so the least-privilege map lives here, next to the
 * infrastructure that enforces it. A module without an entry gets DEFAULT_PERMISSIONS.
 *
 * Every grant also decides the environment: a function only receives the variables of the
 * config sections (shared/platform/config.ts) it is allowed to use, so a missing entry fails fast at
 * the first call instead of silently holding more access than it needs.
 */

/** `read`: GetItem/Query/BatchGet (also on the GSIs). `readWrite`: plus Put/Update/Delete/transactions. */
export type TableAccess = 'none' | 'read' | 'readWrite';

/** `read`: GetObject (presigned GET). `put`: PutObject (presigned POST). */
/** `readTag`: read, and re-tag objects (s3:PutObjectTagging), e.g. to keep a bound attachment. */
export type BucketAccess = 'read' | 'readTag' | 'put' | 'readWrite';

/**
 * Cognito user pool actions a handler may call with IAM credentials. The public, unauthenticated
 * APIs (InitiateAuth, SignUp, ConfirmSignUp, ForgotPassword, ConfirmForgotPassword, RevokeToken,
 * GlobalSignOut with an access token) need no IAM permission at all.
 */
export type CognitoAction =
  | 'AdminConfirmSignUp'
  | 'AdminCreateUser'
  | 'AdminDeleteUser'
  | 'AdminDisableUser'
  | 'AdminEnableUser'
  | 'AdminGetUser'
  | 'AdminInitiateAuth'
  | 'AdminSetUserPassword'
  | 'AdminUpdateUserAttributes'
  | 'AdminUserGlobalSignOut'
  | 'ListUsers'
  | 'SignUp';

export interface FunctionPermissions {
  /**
   * Access to the single table (env TABLE_NAME).
   * @default 'readWrite'
   */
  readonly table?: TableAccess;
  /**
   * Present (even empty): env USER_POOL_ID and USER_POOL_CLIENT_ID (JWT verification and the
   * public Cognito APIs need them). The listed actions are granted on the pool only.
   * @default - no Cognito configuration, no Cognito permission
   */
  readonly cognito?: readonly CognitoAction[];
  /**
   * Attachments and exports bucket (env BUCKET_NAME).
   * @default - no bucket access
   */
  readonly bucket?: BucketAccess;
  /**
   * Push to WebSocket connections through the management API (env WS_MANAGEMENT_ENDPOINT).
   * @default false
   */
  readonly wsManage?: boolean;
  /**
   * ses:SendEmail (env EMAIL_FROM).
   * @default false
   */
  readonly sesSend?: boolean;
  /**
   * sqs:SendMessage on the outbound SMS queue (env SMS_QUEUE_URL).
   * @default false
   */
  readonly sqsSend?: boolean;
  /**
   * sns:Publish straight to phone numbers (the carrier adapter); publishing to topics is denied.
   * @default false
   */
  readonly smsPublish?: boolean;
  /**
   * End User Messaging (sms-voice) on this account's resources, bound late with
   * `HandlerFunctions.bindSmsCarrier`: `send` = SendTextMessage from the account's phone numbers
   * with the deployment's configuration set (env SMS_CONFIGURATION_SET, SMS_CARRIER); `provision` =
   * RequestPhoneNumber / ReleasePhoneNumber (env SMS_INBOUND_TOPIC_ARN, SMS_CONFIGURATION_SET).
   * @default - none
   */
  readonly smsVoice?: readonly ('send' | 'provision')[];
  /**
   * The deployment's SMS destination allowlist and per-segment prices (env SMS_ALLOWED_COUNTRIES,
   * SMS_PRICES) for handlers that price or check SMS sends.
   * @default false
   */
  readonly smsPolicy?: boolean;
  /**
   * Manage API Gateway API keys and their usage-plan membership (see `apiKeyAdminGrant`
   * in lib/constructs/handler-functions.ts), env USAGE_PLAN_NAMES.
   * @default false
   */
  readonly apiKeys?: boolean;
  /**
   * The webhook secrets' KMS key (env WEBHOOK_KEY_ID): `encrypt` for handlers that create or
   * rotate a secret, `decrypt` for the delivery worker that signs with it.
   * @default - no key access
   */
  readonly webhookKey?: 'encrypt' | 'decrypt';
  /**
   * sqs:SendMessage on the webhook delivery queue (env WEBHOOK_QUEUE_URL).
   * @default false
   */
  readonly webhookQueueSend?: boolean;
}

/** Conservative default for a module nobody has described yet: its own data, nothing else. */
export const DEFAULT_PERMISSIONS: FunctionPermissions = { table: 'readWrite' };

const read: FunctionPermissions = { table: 'read' };
const apiKeyAdmin: FunctionPermissions = { table: 'readWrite', apiKeys: true };

/**
 * Handler module (functions/<module>.ts, no extension) → what it needs. Add an entry when a
 * handler needs less than the default (a read-only route) or more (Cognito, S3, SES, pushes).
 * Entries follow what the services call today (shared/<context>/service.ts); keep them in step.
 */
export const PERMISSIONS: Readonly<Record<string, FunctionPermissions>> = {
  // Authorizers: verify Cognito JWTs (no IAM, only the pool ids), look up API keys, sessions and
  // the revocation denylist with reads only, so a compromised authorizer cannot write anything.
  'auth/authorizer': { table: 'read', cognito: [] },
  'auth/ws-authorizer': { table: 'read', cognito: [] },

  // Auth context (shared/auth/service.ts, shared/auth/cognito.ts): the platform emails its own
  // 6-digit codes (SES) and confirms users with admin calls. SignUp, InitiateAuth, RevokeToken
  // and ChangePassword are public Cognito APIs: they need the client id, not IAM.
  // Registration creates users with admin calls only (self sign-up is disabled on the pool).
  'auth/register': {
    table: 'readWrite',
    cognito: ['AdminCreateUser', 'AdminSetUserPassword', 'AdminGetUser', 'AdminDeleteUser'],
    sesSend: true,
  },
  // Verification (and login, to heal a failed binding) give the user's JWT traffic a usage-plan key.
  'auth/verify-email': {
    table: 'readWrite',
    cognito: ['AdminConfirmSignUp', 'AdminUpdateUserAttributes'],
    apiKeys: true,
  },
  'auth/resend-verification': { table: 'readWrite', sesSend: true },
  'auth/login': { table: 'readWrite', cognito: ['AdminInitiateAuth'], apiKeys: true },
  'auth/refresh': { table: 'readWrite', cognito: [] },
  'auth/logout': { table: 'readWrite', cognito: [], wsManage: true },
  'auth/forgot-password': { table: 'readWrite', sesSend: true },
  'auth/reset-password': {
    table: 'readWrite',
    cognito: ['AdminSetUserPassword', 'AdminUserGlobalSignOut'],
    wsManage: true,
  },

  // Accounts context.
  'accounts/get-me': read,
  'accounts/patch-me': { table: 'readWrite' },
  'accounts/change-password': { table: 'readWrite', cognito: ['AdminUserGlobalSignOut'], wsManage: true },
  'accounts/get-dashboard': read,
  'accounts/get-usage': read,
  'accounts/get-notification-preferences': read,
  'accounts/put-notification-preferences': { table: 'readWrite' },
  'accounts/list-api-keys': read,
  'accounts/create-api-key': apiKeyAdmin,
  'accounts/rotate-api-key': apiKeyAdmin,
  'accounts/revoke-api-key': apiKeyAdmin,
  'accounts/change-plan': apiKeyAdmin,
  'accounts/list-plans': { table: 'none' },
  'accounts/request-temporary-increase': { table: 'readWrite' },
  // Account lifecycle: the export is written by the verification-exports job, downloaded by presigned GET.
  'accounts/request-export': { table: 'readWrite' },
  'accounts/get-export': { table: 'read', bucket: 'read' },
  // Deletion: the password is checked with a sign-in, then every credential ends at once (Cognito
  // global sign-out, sockets, API keys with their gateway keys); the job erases the rest.
  'accounts/delete-me': {
    table: 'readWrite',
    cognito: ['AdminInitiateAuth', 'AdminUserGlobalSignOut'],
    wsManage: true,
    apiKeys: true,
  },

  // Conversations and messages (shared/conversations/service/): message views presign
  // attachment downloads (s3:GetObject); mutations push events to participants.
  'conversations/create-conversation': { table: 'readWrite', wsManage: true },
  'conversations/list-conversations': read,
  'conversations/get-conversation': read,
  'conversations/archive-conversation': { table: 'readWrite', wsManage: true },
  'conversations/restore-conversation': { table: 'readWrite', wsManage: true },
  'conversations/list-participants': read,
  'conversations/create-attachment': { table: 'readWrite', bucket: 'put' },
  'conversations/list-messages': { table: 'read', bucket: 'read' },
  'conversations/search-messages': { table: 'read', bucket: 'read' },
  'conversations/send-message': {
    table: 'readWrite',
    bucket: 'readTag',
    wsManage: true,
    sqsSend: true,
    smsPolicy: true,
  },
  'conversations/mark-read': { table: 'readWrite', wsManage: true },

  // SMS (shared/sms): the route enqueues; the worker publishes to the carrier and reports the
  // status; inbound SMS land in conversations or verifications, and are pushed.
  // Receipts apply End User Messaging events (refund on failed); inbound answers CTIA keywords
  // with a platform reply (queued); the redrive job re-enqueues committed but unsent SMS.
  'sms/send-sms': { table: 'readWrite', sqsSend: true, wsManage: true, smsPolicy: true },
  'sms/send-worker': { table: 'readWrite', smsVoice: ['send'], wsManage: true },
  'sms/inbound': { table: 'readWrite', wsManage: true, sqsSend: true },
  'sms/receipts': { table: 'readWrite', wsManage: true },
  'sms/get-pricing': { table: 'none', smsPolicy: true },
  'sms/list-opt-outs': read,
  'sms/redrive-sms': { table: 'readWrite', sqsSend: true },

  // Numbers (shared/numbers): marketplace and owned numbers.
  'numbers/list-available': read,
  'numbers/get-available': read,
  'numbers/list-numbers': read,
  'numbers/get-number': read,
  'numbers/purchase-number': { table: 'readWrite', smsVoice: ['provision'] },
  'numbers/update-number': { table: 'readWrite' },
  'numbers/cancel-number': { table: 'readWrite' },

  // Verifications (shared/verifications): cancel/complete/report push `verification.updated`; large
  // exports are written to S3 by the verification-exports job and downloaded by presigned GET.
  'verifications/list-services': { table: 'none' },
  'verifications/create-verification': { table: 'readWrite' },
  'verifications/get-verification': read,
  'verifications/list-verifications': read,
  'verifications/cancel-verification': { table: 'readWrite', wsManage: true },
  'verifications/complete-verification': { table: 'readWrite', wsManage: true },
  'verifications/report-verification': { table: 'readWrite', wsManage: true },
  'verifications/reuse-verification': { table: 'readWrite' },
  'verifications/export-verifications': { table: 'readWrite' },
  'verifications/get-export': { table: 'read', bucket: 'read' },

  // Scheduled jobs (shared/platform/jobs/registry.ts): notices go out by email and in-app push.
  'verifications/expire-verifications': { table: 'readWrite', wsManage: true, sesSend: true },
  'numbers/renew-numbers': { table: 'readWrite', wsManage: true, sesSend: true, smsVoice: ['provision'] },
  // Plans renew from the balance: renewal and downgrade notices, and a downgrade moves the user's
  // API keys to the free usage plan.
  'accounts/renew-plans': { table: 'readWrite', wsManage: true, sesSend: true, apiKeys: true },
  // Exports (verification history and whole accounts) into S3; account exports email the user.
  'verifications/run-exports': { table: 'readWrite', bucket: 'put', sesSend: true },
  // Numbers go back to quarantine (and the carrier), pending verifications are refunded (pushes),
  // keys lose their gateway keys, and the Cognito user is deleted.
  'accounts/delete-accounts': {
    table: 'readWrite',
    cognito: ['AdminDeleteUser'],
    wsManage: true,
    apiKeys: true,
    smsVoice: ['provision'],
  },
  // Webhooks context (shared/webhooks): secrets are encrypted with the webhook key on create and
  // rotate, decrypted only by the senders; pings and redeliveries enqueue a delivery.
  'webhooks/create-webhook': { table: 'readWrite', webhookKey: 'encrypt' },
  'webhooks/list-webhooks': read,
  'webhooks/get-webhook': read,
  'webhooks/patch-webhook': { table: 'readWrite' },
  'webhooks/delete-webhook': { table: 'readWrite' },
  'webhooks/test-webhook': { table: 'readWrite', webhookQueueSend: true },
  'webhooks/rotate-webhook-secret': { table: 'readWrite', webhookKey: 'encrypt' },
  'webhooks/list-deliveries': read,
  'webhooks/redeliver': { table: 'readWrite', webhookQueueSend: true },
  // The delivery worker and the due-retries job sign (decrypt), re-enqueue retries, and tell the
  // owner (email + in-app) when an endpoint is disabled.
  'webhooks/deliver-worker': {
    table: 'readWrite',
    webhookKey: 'decrypt',
    webhookQueueSend: true,
    wsManage: true,
    sesSend: true,
  },
  'webhooks/deliver-due': {
    table: 'readWrite',
    webhookKey: 'decrypt',
    webhookQueueSend: true,
    wsManage: true,
    sesSend: true,
  },
  // The outbox consumer (table stream): search index, WebSocket fan-out, webhook deliveries.
  // The outbox also delivers notifications queued by request paths (usage warnings): push and email.
  // Message views in pushes and `message.created` events presign attachment downloads: a presigned
  // GET works only if the signing role may read the object.
  'platform/outbox-stream-consumer': {
    table: 'readWrite',
    wsManage: true,
    webhookQueueSend: true,
    sesSend: true,
    bucket: 'read',
  },

  // Realtime: connection records; $default answers pings and relays typing signals.
  // $connect closes the oldest sockets past the per-user cap (DeleteConnection).
  'realtime/connect': { table: 'readWrite', wsManage: true },
  'realtime/disconnect': { table: 'readWrite' },
  'realtime/default': { table: 'readWrite', wsManage: true },

  // Usage metering from the REST access log (counters and API keys' lastUsedAt).
  'usage/aggregate-access-logs': { table: 'readWrite' },
};

/** The permissions of a handler module, with the defaults filled in. */
export function permissionsFor(
  handlerModule: string,
  overrides: Readonly<Record<string, FunctionPermissions>> = PERMISSIONS,
): FunctionPermissions & { readonly table: TableAccess } {
  const entry = overrides[handlerModule] ?? DEFAULT_PERMISSIONS;
  return { ...entry, table: entry.table ?? DEFAULT_PERMISSIONS.table ?? 'readWrite' };
}
