import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/**
 * S3's checks of a browser POST upload (SigV4 POST policy), for the local S3 front: s3rver
 * ignores POST policies, so without this a presigned POST locally accepts any size, any
 * content type and any signature, and code that relies on the policy is never exercised.
 * Pure: the caller parses the form and measures the file.
 *
 * What S3 does, and so what this does (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html):
 * the signature is an HMAC of the base64 policy with the SigV4 signing key of the credential
 * scope; the policy must not be expired; every condition must hold; every form field except
 * the signature, the policy, `file` and `x-ignore-*` must be named by a condition; the file size
 * must lie within `content-length-range`. Field names are case-insensitive.
 */

export interface S3ErrorResponse {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** Further elements of S3's error document, e.g. `MaxSizeAllowed`. */
  readonly details?: Readonly<Record<string, string>>;
}

export interface PostForm {
  /** The bucket the form was posted to (path-style `POST /<bucket>`). */
  readonly bucket: string;
  /** Form fields sent before the file, by name as sent; S3 ignores fields after the file. */
  readonly fields: Readonly<Record<string, string>>;
  /** The file part's own headers: its type stands in for a missing `Content-Type` field. */
  readonly file: { readonly contentType?: string; readonly fileName?: string };
}

export interface PostPolicyOptions {
  readonly now: Date;
  /** The one key pair the local runtime signs with (see local/runtime.ts). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface SizeRange {
  readonly min: number;
  readonly max: number;
}

export interface AuthorizedUpload {
  readonly bucket: string;
  /** Object key, with `${filename}` replaced by the uploaded file's name as S3 does. */
  readonly key: string;
  /** The `Content-Type` field, else the file part's type. */
  readonly contentType: string | undefined;
  /** Inclusive size bounds of the policy's `content-length-range` conditions; undefined without one. */
  readonly sizeRange: SizeRange | undefined;
  /** Form fields by lower-case name (the first one of a name wins). */
  readonly fields: ReadonlyMap<string, string>;
}

export type PostPolicyVerdict =
  | { readonly ok: true; readonly upload: AuthorizedUpload }
  | { readonly ok: false; readonly error: S3ErrorResponse };

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** The key variable S3 replaces with the uploaded file's name (a literal, not a template). */
const FILENAME_VARIABLE = '$' + '{filename}';
/** Fields no condition has to name. */
const UNCONDITIONED_FIELDS: ReadonlySet<string> = new Set(['policy', 'x-amz-signature', 'file']);

/**
 * Everything S3 decides before reading the file's bytes: signature, expiration, conditions and
 * extra fields. The file's size is checked afterwards with `checkUploadSize`.
 */
export function authorizePostUpload(form: PostForm, options: PostPolicyOptions): PostPolicyVerdict {
  const fields = lowerCaseFields(form.fields);
  const policy = fields.get('policy');
  // Without a policy the upload is anonymous, and the bucket is not public-writable.
  if (policy === undefined) return deny(s3Error(403, 'AccessDenied', 'Access Denied'));
  for (const name of ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Signature', 'key']) {
    if (!fields.has(name.toLowerCase())) return deny(missingField(name));
  }
  const rawKey = fields.get('key')!;
  if (rawKey === '') {
    return deny(invalidArgument('User key must have a length greater than 0.', 'key', ''));
  }

  const signatureProblem = checkSignature(fields, policy, options.credentials);
  if (signatureProblem) return deny(signatureProblem);

  const document = decodePolicy(policy);
  if (!document.ok) return document;
  if (options.now.getTime() > document.expiration.getTime()) {
    return deny(s3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.'));
  }

  const actualValue = (field: string): string => {
    if (field === 'bucket') return form.bucket;
    if (field === 'content-type') return fields.get(field) ?? form.file.contentType ?? '';
    return fields.get(field) ?? '';
  };
  const named = new Set<string>();
  let sizeRange: SizeRange | undefined;
  for (const { raw, condition } of document.conditions) {
    if (condition.kind === 'content-length-range') {
      sizeRange = {
        min: Math.max(sizeRange?.min ?? 0, condition.min),
        max: Math.min(sizeRange?.max ?? Number.POSITIVE_INFINITY, condition.max),
      };
      continue;
    }
    named.add(condition.field);
    if (!holds(condition, actualValue(condition.field))) {
      return deny(
        s3Error(
          403,
          'AccessDenied',
          `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(raw)}`,
        ),
      );
    }
  }
  const extra = [...fields.keys()].filter(
    (name) => !UNCONDITIONED_FIELDS.has(name) && !name.startsWith('x-ignore-') && !named.has(name),
  );
  if (extra.length > 0) {
    return deny(
      s3Error(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`),
    );
  }

  return {
    ok: true,
    upload: {
      bucket: form.bucket,
      key: rawKey.replaceAll(FILENAME_VARIABLE, form.file.fileName ?? ''),
      contentType: fields.get('content-type') ?? form.file.contentType,
      sizeRange,
      fields,
    },
  };
}

/** `EntityTooLarge` / `EntityTooSmall` (400) for a file outside the policy's content-length-range. */
export function checkUploadSize(upload: AuthorizedUpload, size: number): S3ErrorResponse | undefined {
  const range = upload.sizeRange;
  if (!range) return undefined;
  if (size > range.max) {
    return s3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: String(size),
      MaxSizeAllowed: String(range.max),
    });
  }
  if (size < range.min) {
    return s3Error(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', {
      ProposedSize: String(size),
      MinSizeAllowed: String(range.min),
    });
  }
  return undefined;
}

/** Both checks, for a file whose size is known. */
export function verifyPostUpload(
  form: PostForm,
  size: number,
  options: PostPolicyOptions,
): PostPolicyVerdict {
  const verdict = authorizePostUpload(form, options);
  if (!verdict.ok) return verdict;
  const tooBigOrSmall = checkUploadSize(verdict.upload, size);
  return tooBigOrSmall ? deny(tooBigOrSmall) : verdict;
}

/** S3's XML error document. */
export function s3ErrorXml(problem: S3ErrorResponse, resource?: string): string {
  const details = Object.entries(problem.details ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const resourceElement = resource === undefined ? '' : `<Resource>${escapeXml(resource)}</Resource>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${problem.code}</Code><Message>${escapeXml(problem.message)}</Message>` +
    `${details}${resourceElement}</Error>`
  );
}

export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// --- signature -------------------------------------------------------------------------------

const credentialPattern = /^([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request$/;

function checkSignature(
  fields: ReadonlyMap<string, string>,
  policy: string,
  credentials: PostPolicyOptions['credentials'],
): S3ErrorResponse | undefined {
  const algorithm = fields.get('x-amz-algorithm')!;
  if (algorithm !== ALGORITHM) {
    return invalidArgument(`X-Amz-Algorithm only supports "${ALGORITHM}"`, 'X-Amz-Algorithm', algorithm);
  }
  const credential = fields.get('x-amz-credential')!;
  const scope = credentialPattern.exec(credential);
  if (!scope) {
    return invalidArgument(
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
      'X-Amz-Credential',
      credential,
    );
  }
  const [, accessKeyId = '', date = '', region = ''] = scope;
  const amzDate = fields.get('x-amz-date')!;
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) {
    return invalidArgument(
      "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\" and on the date of the credential scope",
      'X-Amz-Date',
      amzDate,
    );
  }
  if (accessKeyId !== credentials.accessKeyId) {
    return s3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      {
        AWSAccessKeyId: accessKeyId,
      },
    );
  }
  const expected = postSignature(credentials.secretAccessKey, date, region, policy);
  const provided = fields.get('x-amz-signature')!;
  const matches =
    /^[0-9a-f]{64}$/i.test(provided) &&
    timingSafeEqual(Buffer.from(provided.toLowerCase(), 'hex'), Buffer.from(expected, 'hex'));
  if (!matches) {
    return s3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  }
  return undefined;
}

/** SigV4 for POST: the string to sign is the base64 policy itself. */
export function postSignature(secretAccessKey: string, date: string, region: string, policy: string): string {
  const hmac = (key: string | Buffer, data: string) =>
    createHmac('sha256', key).update(data, 'utf8').digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', signingKey).update(policy, 'utf8').digest('hex');
}

// --- policy document -------------------------------------------------------------------------

type Condition =
  | { readonly kind: 'eq' | 'starts-with'; readonly field: string; readonly value: string }
  | { readonly kind: 'content-length-range'; readonly min: number; readonly max: number };

const fieldRef = z
  .string()
  .regex(/^\$./)
  .transform((ref) => ref.slice(1).toLowerCase());
const operator = <T extends string>(name: T) =>
  z
    .string()
    .transform((op) => op.toLowerCase())
    .pipe(z.literal(name));
const byteCount = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/)
    .transform((digits) => Number(digits)),
]);

const conditionSchema = z.union([
  z
    .tuple([z.union([operator('eq'), operator('starts-with')]), fieldRef, z.string()])
    .transform(([kind, field, value]): Condition[] => [{ kind, field, value }]),
  z
    .tuple([operator('content-length-range'), byteCount, byteCount])
    .refine(([, min, max]) => min <= max, 'the minimum exceeds the maximum')
    .transform(([kind, min, max]): Condition[] => [{ kind, min, max }]),
  z
    .record(z.string(), z.string())
    .refine((entries) => Object.keys(entries).length > 0, 'an empty condition')
    .transform((entries): Condition[] =>
      Object.entries(entries).map(([field, value]) => ({ kind: 'eq', field: field.toLowerCase(), value })),
    ),
]);

const documentSchema = z.object({
  expiration: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO 8601 date'),
  conditions: z.array(z.unknown()),
});

type DecodedPolicy =
  | {
      readonly ok: true;
      readonly expiration: Date;
      readonly conditions: ReadonlyArray<{ readonly raw: unknown; readonly condition: Condition }>;
    }
  | { readonly ok: false; readonly error: S3ErrorResponse };

function decodePolicy(policy: string): DecodedPolicy {
  const invalid = (reason: string) =>
    deny(s3Error(400, 'InvalidPolicyDocument', `Invalid Policy: ${reason}`));
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    return invalid('Invalid JSON.');
  }
  const document = documentSchema.safeParse(json);
  if (!document.success) return invalid(`Invalid 'expiration' or 'conditions'.`);
  const conditions: Array<{ raw: unknown; condition: Condition }> = [];
  for (const raw of document.data.conditions) {
    const parsed = conditionSchema.safeParse(raw);
    if (!parsed.success) return invalid(`Invalid Condition: ${JSON.stringify(raw)}`);
    for (const condition of parsed.data) conditions.push({ raw, condition });
  }
  return { ok: true, expiration: new Date(document.data.expiration), conditions };
}

function holds(condition: Condition & { kind: 'eq' | 'starts-with' }, actual: string): boolean {
  if (condition.kind === 'eq') return actual === condition.value;
  // S3: a Content-Type may list several types, and each one must start with the prefix.
  const values = condition.field === 'content-type' ? actual.split(',').map((v) => v.trim()) : [actual];
  return values.every((value) => value.startsWith(condition.value));
}

// --- helpers ---------------------------------------------------------------------------------

function lowerCaseFields(fields: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(fields)) {
    const lower = name.toLowerCase();
    if (!map.has(lower)) map.set(lower, value);
  }
  return map;
}

function s3Error(
  status: number,
  code: string,
  message: string,
  details?: Readonly<Record<string, string>>,
): S3ErrorResponse {
  return details ? { status, code, message, details } : { status, code, message };
}

function invalidArgument(message: string, name: string, value: string): S3ErrorResponse {
  return s3Error(400, 'InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

function missingField(name: string): S3ErrorResponse {
  return invalidArgument(
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    name,
    '',
  );
}

function deny(problem: S3ErrorResponse): { readonly ok: false; readonly error: S3ErrorResponse } {
  return { ok: false, error: problem };
}
