import { formatUrl } from '@aws-sdk/core/util';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import { config, EMULATOR_CREDENTIALS } from '../config';
import { bucketUrl, signingEndpoint } from './storage';

/**
 * Presigned GETs of the platform bucket without an S3 client: the SDK's own presigner signing
 * the request GetObject would send (AWS's documented way to presign without a client). The read
 * paths that only hand out download links — a conversation's messages, search, export
 * downloads — then carry no S3 client (~100 KB and ~9 ms of their cold start, bench/RESULTS.md).
 * Signed for the address the browser uses (./storage.ts): S3's virtual-hosted endpoint in AWS,
 * the emulator's public front, path-style, locally. test/unit/platform/presigned-get.test.ts
 * proves every URL equal to getSignedUrl's with an S3 client and GetObjectCommand.
 */

export interface PresignedGet {
  readonly objectKey: string;
  readonly expiresInSeconds: number;
  /** Response headers S3 sets on the download (`response-content-*` parameters). */
  readonly responseContentType?: string;
  readonly responseContentDisposition?: string;
}

let presigner: S3RequestPresigner | undefined;

/** S3's URI encoding of one path segment (RFC 3986 unreserved characters kept). */
const encodeSegment = (segment: string): string =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export async function presignedGet(get: PresignedGet): Promise<string> {
  const { AWS_REGION } = config('core');
  const emulator = signingEndpoint();
  presigner ??= new S3RequestPresigner({
    region: AWS_REGION,
    credentials: emulator ? EMULATOR_CREDENTIALS : fromEnv(),
    sha256: Sha256,
  });
  const base = bucketUrl(`/${get.objectKey.split('/').map(encodeSegment).join('/')}`);
  const request = new HttpRequest({
    method: 'GET',
    protocol: base.protocol,
    hostname: base.hostname,
    ...(base.port ? { port: Number(base.port) } : {}),
    path: base.pathname,
    headers: { host: base.host },
    query: {
      ...(get.responseContentDisposition
        ? { 'response-content-disposition': get.responseContentDisposition }
        : {}),
      ...(get.responseContentType ? { 'response-content-type': get.responseContentType } : {}),
      'x-id': 'GetObject',
      // What the SDK's GetObject asks by default (response checksums where the object has one).
      'x-amz-checksum-mode': 'ENABLED',
    },
  });
  return formatUrl(await presigner.presign(request, { expiresIn: get.expiresInSeconds }));
}
