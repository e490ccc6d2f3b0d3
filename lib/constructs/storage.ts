import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ATTACHMENT_TAG } from '../../shared/conversations/attachment-tags';
import { acknowledge } from '../nag';

/** Key prefixes of the data bucket (handlers build keys below these). */
export const BUCKET_PREFIXES = { attachments: 'attachments/', exports: 'exports/' } as const;

export interface StorageProps {
  /** Browser origin allowed to POST uploads (presigned POST) and GET downloads, e.g. https://app.example.com. */
  readonly webOrigins: readonly string[];
  /**
   * How long finished verification exports stay downloadable.
   * @default Duration.days(7)
   */
  readonly exportRetention?: Duration;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Attachments and exports: private, encrypted, TLS only, versioned, with server access logs. */
export class Storage extends Construct {
  readonly bucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90) }],
      removalPolicy,
    });
    acknowledge(
      this.accessLogsBucket,
      'AwsSolutions-S1',
      'This is the server access log target itself; logging it into another bucket would recurse.',
    );

    this.bucket = new Bucket(this, 'Data', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'data/',
      cors: [
        {
          // Presigned POST uploads and presigned GET downloads straight from the web client.
          allowedOrigins: [...props.webOrigins],
          allowedMethods: [HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          id: 'expire-exports',
          prefix: BUCKET_PREFIXES.exports,
          expiration: props.exportRetention ?? Duration.days(7),
        },
        {
          // Uploads never bound to a message (shared/conversations/attachments.ts tags them
          // pending on upload and re-tags them when a message binds them).
          id: 'expire-unbound-attachments',
          tagFilters: { [ATTACHMENT_TAG.key]: ATTACHMENT_TAG.pending },
          expiration: Duration.days(1),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy,
    });
  }
}
