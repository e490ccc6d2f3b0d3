import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';
import { createLocalLogger } from '../log';
import { LOOPBACK } from '../ports';
import { type S3PostProxy, startS3PostProxy } from './s3-post-proxy';

export interface S3Emulator {
  /** s3rver itself: what the platform's own S3 clients talk to (S3_ENDPOINT). */
  readonly endpoint: string;
  readonly port: number;
  /**
   * What browsers and presigned URLs use (S3_PUBLIC_ENDPOINT): s3rver behind a front that
   * enforces POST policies as S3 does (./s3-post-proxy.ts), on a free port of its own.
   */
  readonly publicEndpoint: string;
  stop(): Promise<void>;
}

export interface S3Options {
  /** 0 picks a free port (s3rver runs in-process, so there is no race to lose). */
  readonly port: number;
  readonly dataDir: string;
  readonly bucket: string;
  /** Credentials the platform's S3 clients sign with locally; s3rver checks signatures against them. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * CORS for the browser client: presigned POST uploads and GET downloads from any
 * http://localhost:* page (the web client's dev server or the gateway itself).
 */
const corsConfiguration = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>http://localhost:*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <ExposeHeader>Location</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
  <CORSRule>
    <AllowedOrigin>http://127.0.0.1:*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <ExposeHeader>Location</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * s3rver in-process. The bucket and its CORS rules are (re)applied on every start, which makes
 * creation idempotent; objects live on disk in `dataDir`. s3rver checks the access key of signed
 * requests, so the local key pair is registered with it (it does not recompute SigV4 query
 * signatures, and it ignores POST policies: browser uploads go through the policy-enforcing
 * front, whose address is `publicEndpoint`).
 */
export async function startS3(options: S3Options): Promise<S3Emulator> {
  mkdirSync(options.dataDir, { recursive: true });
  DUMMY_ACCOUNT.createKeyPair(options.accessKeyId, options.secretAccessKey);
  const server = new S3rver({
    address: LOOPBACK,
    port: options.port,
    directory: options.dataDir,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [corsConfiguration] }],
  });
  const address = await server.run();
  const endpoint = `http://${LOOPBACK}:${address.port}`;
  const stopS3rver = async () => {
    server.httpServer?.closeAllConnections();
    await server.close();
  };
  let front: S3PostProxy;
  try {
    front = await startS3PostProxy({
      upstream: endpoint,
      port: 0,
      region: 'us-east-1',
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      log: createLocalLogger('local-s3'),
    });
  } catch (error) {
    await stopS3rver();
    throw error;
  }
  return {
    endpoint,
    port: address.port,
    publicEndpoint: front.endpoint,
    async stop() {
      await front.close();
      await stopS3rver();
    },
  };
}
