import { once } from 'node:events';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Readable } from 'node:stream';
import { PutObjectCommand, PutObjectTaggingCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import Busboy from 'busboy';
import type { LocalLogger } from '../log';
import { LOOPBACK } from '../ports';
import {
  type AuthorizedUpload,
  authorizePostUpload,
  checkUploadSize,
  escapeXml,
  type PostPolicyOptions,
  type S3ErrorResponse,
  s3ErrorXml,
} from './s3-post-policy';

/**
 * The address browsers reach the local S3 at (S3_PUBLIC_ENDPOINT): in front of s3rver, it
 * enforces what s3rver ignores, the POST policy of browser uploads (signature, expiration,
 * conditions, content-length-range; see ./s3-post-policy.ts), and stores an accepted upload
 * in s3rver with a PutObject. Every other request (presigned GETs, SDK calls) is passed through
 * unchanged and streamed, Host header included, so signatures made for this address still verify.
 */

export interface S3PostProxyOptions {
  /** s3rver's endpoint, e.g. `http://127.0.0.1:4568`. */
  readonly upstream: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly region: string;
  /** The key pair presigned POSTs are signed with, and the proxy stores uploads with. */
  readonly credentials: PostPolicyOptions['credentials'];
  readonly log: LocalLogger;
  /** @default the system clock */
  readonly now?: () => Date;
}

export interface S3PostProxy {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** S3 refuses a form whose fields before the file exceed this (MaxPostPreDataLengthExceeded). */
const MAX_PRE_DATA_BYTES = 20 * 1024;
/**
 * An accepted file is held in memory up to the policy's maximum before it is stored; above
 * this the emulator refuses even when the policy would allow it (S3's own limit is 5 GB).
 */
const MAX_BUFFERED_UPLOAD_BYTES = 64 * 1024 * 1024;
/** A `file` sent as a text part rather than a file part (curl -F file=text) is limited to this. */
const MAX_TEXT_FILE_BYTES = 1024 * 1024;
/**
 * After a rejection the rest of the body is read and thrown away, so that an ordinary client
 * gets to read the error instead of a connection reset; past this much the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;

/** Same origins as the bucket's CORS rules (./s3.ts): the web client on any local port. */
const ALLOWED_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;
const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT'];
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
];

export async function startS3PostProxy(options: S3PostProxyOptions): Promise<S3PostProxy> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true });
  const s3 = new S3Client({
    region: options.region,
    endpoint: options.upstream,
    forcePathStyle: true,
    credentials: options.credentials,
    // s3rver knows nothing of the SDK's default CRC32 checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const uploads: UploadContext = {
    s3,
    log: options.log,
    policy: () => ({ now: options.now?.() ?? new Date(), credentials: options.credentials }),
  };

  const server = createServer((req, res) => {
    const bucket = uploadBucket(req.url);
    if (bucket !== undefined && req.method === 'OPTIONS') return preflight(req, res);
    if (bucket !== undefined && req.method === 'POST' && isMultipart(req.headers)) {
      return receiveUpload(req, res, bucket, uploads);
    }
    forward(req, res, upstream, agent);
  });
  const port = await listen(server, options.port);
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      agent.destroy();
      s3.destroy();
    },
  };
}

interface UploadContext {
  readonly s3: S3Client;
  readonly log: LocalLogger;
  readonly policy: () => PostPolicyOptions;
}

/**
 * A browser upload: fields until the file, the policy checked as soon as the file part begins
 * (nothing of a refused file is read), then the file read up to the policy's maximum and no
 * further, and stored.
 */
function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  bucket: string,
  context: UploadContext,
): void {
  const cors = corsHeaders(req.headers.origin);
  let busboy: Busboy;
  try {
    busboy = new Busboy({ headers: req.headers, limits: { fieldSize: MAX_TEXT_FILE_BYTES } });
  } catch {
    sendError(res, malformedPost, cors, bucket);
    discardRest(req, res);
    return;
  }

  // S3 stores nothing from a form that turns out malformed after the file.
  const formParsed = once(busboy, 'finish');
  let settled = false;
  let fileSeen = false;
  let preDataBytes = 0;
  /** A Map, not an object: a field named `__proto__` or `constructor` is just another field. */
  const fields = new Map<string, string>();

  const reject = (problem: S3ErrorResponse): void => {
    if (settled) return;
    settled = true;
    req.unpipe(busboy);
    sendError(res, problem, cors, bucket);
    discardRest(req, res);
  };
  const authorize = (file: { contentType?: string; fileName?: string }): AuthorizedUpload | undefined => {
    fileSeen = true;
    const verdict = authorizePostUpload(
      { bucket, fields: Object.fromEntries(fields), file },
      context.policy(),
    );
    if (verdict.ok) return verdict.upload;
    reject(verdict.error);
    return undefined;
  };
  const store = async (upload: AuthorizedUpload, body: Buffer): Promise<void> => {
    const sizeProblem = checkUploadSize(upload, body.length);
    if (sizeProblem) return reject(sizeProblem);
    try {
      await formParsed;
    } catch {
      return; // the 'error' listener below has answered MalformedPOSTRequest
    }
    if (settled) return;
    try {
      const etag = await putObject(context.s3, upload, body);
      if (settled) return;
      settled = true;
      sendSuccess(req, res, upload, etag, cors);
    } catch (error) {
      if (!(error instanceof S3ServiceException)) {
        context.log.error('storing a POST upload in s3rver failed', { error: String(error) });
      }
      reject(upstreamProblem(error));
    }
  };

  busboy.on('field', (name, value, _nameTruncated, valueTruncated, _encoding, mimeType) => {
    if (settled || fileSeen) return; // S3 ignores everything after the file
    if (name.toLowerCase() === 'file') {
      const upload = authorize({ contentType: mimeType });
      if (!upload) return;
      if (valueTruncated) return reject(tooLarge(upload, MAX_TEXT_FILE_BYTES + 1, MAX_TEXT_FILE_BYTES));
      void store(upload, Buffer.from(value, 'utf8'));
      return;
    }
    preDataBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (preDataBytes > MAX_PRE_DATA_BYTES || valueTruncated) {
      return reject({
        status: 400,
        code: 'MaxPostPreDataLengthExceeded',
        message: 'Your POST request fields preceding the upload file were too large.',
        details: { MaxPostPreDataLength: String(MAX_PRE_DATA_BYTES) },
      });
    }
    if (!fields.has(name)) fields.set(name, value);
  });

  busboy.on('file', (name, file, fileName, _encoding, mimeType) => {
    if (settled || fileSeen || name.toLowerCase() !== 'file') return void file.resume();
    const upload = authorize({ contentType: mimeType, fileName });
    if (!upload) return void file.resume();
    readCapped(
      file,
      Math.min(upload.sizeRange?.max ?? MAX_BUFFERED_UPLOAD_BYTES, MAX_BUFFERED_UPLOAD_BYTES),
      {
        isSettled: () => settled,
        onTooLarge: (received, cap) => reject(tooLarge(upload, received, cap)),
        onEnd: (body) => void store(upload, body),
      },
    );
  });

  busboy.on('finish', () => {
    if (!fileSeen) {
      reject({
        status: 400,
        code: 'InvalidArgument',
        message: 'POST requires exactly one file upload per request.',
        details: { ArgumentName: 'file', ArgumentValue: '0' },
      });
    }
  });
  busboy.on('error', () => reject(malformedPost));
  req.pipe(busboy);
}

/** Collects at most `cap` bytes: the chunk that would pass it ends the read instead. */
function readCapped(
  file: Readable,
  cap: number,
  handlers: {
    readonly isSettled: () => boolean;
    readonly onTooLarge: (received: number, cap: number) => void;
    readonly onEnd: (body: Buffer) => void;
  },
): void {
  const chunks: Buffer[] = [];
  let received = 0;
  file.on('data', (chunk: Buffer) => {
    if (handlers.isSettled()) return;
    received += chunk.length;
    if (received > cap) {
      chunks.length = 0;
      handlers.onTooLarge(received, cap);
      return;
    }
    chunks.push(chunk);
  });
  file.on('end', () => {
    if (!handlers.isSettled()) handlers.onEnd(Buffer.concat(chunks, received));
  });
}

async function putObject(s3: S3Client, upload: AuthorizedUpload, body: Buffer): Promise<string> {
  const { fields } = upload;
  const metadata: Record<string, string> = {};
  for (const [name, value] of fields) {
    if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  const output = await s3.send(
    new PutObjectCommand({
      Bucket: upload.bucket,
      Key: upload.key,
      Body: body,
      ContentType: upload.contentType ?? 'binary/octet-stream',
      CacheControl: fields.get('cache-control'),
      ContentDisposition: fields.get('content-disposition'),
      ContentEncoding: fields.get('content-encoding'),
      Metadata: metadata,
    }),
  );
  // s3rver ignores a POST's `tagging` field but implements PutObjectTagging: applied here, as S3
  // applies the field, so lifecycle-relevant tags can be checked locally.
  const tagging = fields.get('tagging');
  if (tagging !== undefined) {
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: upload.bucket,
        Key: upload.key,
        Tagging: { TagSet: parseTagging(tagging) },
      }),
    );
  }
  return output.ETag ?? '';
}

/** The tags of S3's `<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>...` document. */
function parseTagging(xml: string): Array<{ Key: string; Value: string }> {
  return [...xml.matchAll(/<Tag>\s*<Key>([^<]*)<\/Key>\s*<Value>([^<]*)<\/Value>\s*<\/Tag>/g)].map(
    ([, key = '', value = '']) => ({ Key: key, Value: value }),
  );
}

/** S3's answers to a stored POST: 303 to success_action_redirect, else success_action_status 200/201, else 204. */
function sendSuccess(
  req: IncomingMessage,
  res: ServerResponse,
  upload: AuthorizedUpload,
  etag: string,
  cors: OutgoingHttpHeaders,
): void {
  const location = `http://${req.headers.host ?? LOOPBACK}/${encodeURIComponent(upload.bucket)}/${upload.key
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
  const headers: OutgoingHttpHeaders = { ...cors, ETag: etag, Location: location };
  const redirect = upload.fields.get('success_action_redirect') ?? upload.fields.get('redirect');
  const target = redirect && URL.canParse(redirect) ? new URL(redirect) : undefined;
  if (target) {
    target.searchParams.set('bucket', upload.bucket);
    target.searchParams.set('key', upload.key);
    target.searchParams.set('etag', etag);
    res.writeHead(303, { ...headers, Location: target.href, 'Content-Length': 0 });
    res.end();
    return;
  }
  const status = upload.fields.get('success_action_status');
  if (status === '201') {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<PostResponse><Location>${escapeXml(location)}</Location><Bucket>${escapeXml(upload.bucket)}</Bucket>` +
      `<Key>${escapeXml(upload.key)}</Key><ETag>${escapeXml(etag)}</ETag></PostResponse>`;
    res.writeHead(201, {
      ...headers,
      'Content-Type': 'application/xml',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    return;
  }
  res.writeHead(status === '200' ? 200 : 204, { ...headers, 'Content-Length': 0 });
  res.end();
}

/** Everything that is not a browser upload, byte for byte, both ways. */
function forward(req: IncomingMessage, res: ServerResponse, upstream: URL, agent: Agent): void {
  const upstreamReq = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: endToEnd(req.headers),
      agent,
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, endToEnd(upstreamRes.headers));
      upstreamRes.pipe(res);
    },
  );
  upstreamReq.on('error', (error) => {
    if (res.headersSent) return void res.destroy(error);
    sendError(
      res,
      { status: 502, code: 'InternalError', message: `s3rver is unreachable: ${error.message}` },
      {},
    );
  });
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  if (!origin || !ALLOWED_ORIGIN.test(origin) || !method || !CORS_METHODS.includes(method)) {
    sendError(res, {
      status: 403,
      code: 'AccessForbidden',
      message: 'CORSResponse: This CORS request is not allowed.',
    });
    return;
  }
  res.writeHead(200, {
    ...corsHeaders(origin),
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
    'Access-Control-Max-Age': '3000',
    'Content-Length': 0,
  });
  res.end();
}

function corsHeaders(origin: string | undefined): OutgoingHttpHeaders {
  if (!origin || !ALLOWED_ORIGIN.test(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': CORS_METHODS.join(', '),
    'Access-Control-Expose-Headers': 'ETag, Location',
    Vary: 'Origin',
  };
}

function sendError(
  res: ServerResponse,
  problem: S3ErrorResponse,
  cors: OutgoingHttpHeaders = {},
  bucket?: string,
) {
  if (res.headersSent || res.destroyed) return;
  const body = s3ErrorXml(problem, bucket === undefined ? undefined : `/${bucket}`);
  res.writeHead(problem.status, {
    ...cors,
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Reads the rest of a refused request without keeping it; cuts the connection past the limit. */
function discardRest(req: IncomingMessage, res: ServerResponse): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded <= DISCARD_LIMIT_BYTES) return;
    req.pause();
    if (res.writableFinished) req.destroy();
    else res.once('finish', () => req.destroy());
  });
  req.resume();
}

function tooLarge(upload: AuthorizedUpload, received: number, cap: number): S3ErrorResponse {
  return (
    checkUploadSize(upload, received) ?? {
      status: 400,
      code: 'EntityTooLarge',
      message: `Your proposed upload exceeds the maximum the local S3 emulator accepts (${cap} bytes).`,
      details: { ProposedSize: String(received), MaxSizeAllowed: String(cap) },
    }
  );
}

const malformedPost: S3ErrorResponse = {
  status: 400,
  code: 'MalformedPOSTRequest',
  message: 'The body of your POST request is not well-formed multipart/form-data.',
};

function upstreamProblem(error: unknown): S3ErrorResponse {
  if (error instanceof S3ServiceException) {
    return { status: error.$metadata.httpStatusCode ?? 500, code: error.name, message: error.message };
  }
  return {
    status: 500,
    code: 'InternalError',
    message: 'We encountered an internal error. Please try again.',
  };
}

/** The bucket of a path-style `POST /<bucket>` (no sub-resource query such as `?delete`). */
function uploadBucket(url: string | undefined): string | undefined {
  const match = /^\/([^/?#]+)\/?$/.exec(url ?? '');
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

function isMultipart(headers: IncomingHttpHeaders): boolean {
  return /^multipart\/form-data\b/i.test(headers['content-type'] ?? '');
}

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}
