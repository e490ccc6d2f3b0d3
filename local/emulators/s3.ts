import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';
import { LOOPBACK } from '../ports';

export interface S3Emulator {
  readonly endpoint: string;
  readonly port: number;
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
 * creation idempotent; objects live on disk in `dataDir`. Signatures are verified (presigned
 * URLs really are checked), so the local access key is registered with the emulator.
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
  return {
    endpoint,
    port: address.port,
    async stop() {
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
