import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { localFile } from '../platform/adapters/local-files';
import { config, isLocal } from '../platform/config';

/**
 * Webhook signing secrets at rest. The platform must sign with the clear secret, so it is
 * encrypted (not hashed): KMS in AWS (`WEBHOOK_KEY_ID`, a customer managed key with rotation,
 * bound to the purpose by the encryption context), AES-256-GCM with a key file in the local
 * data directory locally. The clear secret only ever lives in memory.
 */
export interface SecretCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
}

const ENCRYPTION_CONTEXT = { purpose: 'smsproj-webhook-secret' };

export class KmsSecretCipher implements SecretCipher {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  async encrypt(plain: string): Promise<string> {
    const out = await this.kms.send(
      new EncryptCommand({
        KeyId: this.keyId,
        Plaintext: Buffer.from(plain, 'utf8'),
        EncryptionContext: ENCRYPTION_CONTEXT,
      }),
    );
    if (!out.CiphertextBlob) throw new Error('KMS Encrypt returned no ciphertext');
    return `kms:${Buffer.from(out.CiphertextBlob).toString('base64')}`;
  }

  async decrypt(ciphertext: string): Promise<string> {
    if (!ciphertext.startsWith('kms:')) throw new Error('Not a KMS ciphertext');
    const out = await this.kms.send(
      new DecryptCommand({
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(ciphertext.slice(4), 'base64'),
        EncryptionContext: ENCRYPTION_CONTEXT,
      }),
    );
    if (!out.Plaintext) throw new Error('KMS Decrypt returned no plaintext');
    return Buffer.from(out.Plaintext).toString('utf8');
  }
}

/** AES-256-GCM with a 32-byte key (the local runtime keeps it in `<data dir>/webhook-secret.key`). */
export class LocalSecretCipher implements SecretCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The local webhook key must be 32 bytes');
  }

  async encrypt(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(ENCRYPTION_CONTEXT.purpose));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `local:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  async decrypt(ciphertext: string): Promise<string> {
    if (!ciphertext.startsWith('local:')) throw new Error('Not a local ciphertext');
    const raw = Buffer.from(ciphertext.slice(6), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(ENCRYPTION_CONTEXT.purpose));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** The local key file, created (mode 0600) on first use. */
export function localKey(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const key = randomBytes(32);
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
      return key;
    } catch (raced) {
      // Another process created it first: use theirs.
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    }
  }
}

let cipher: SecretCipher | undefined;

export function secretCipher(): SecretCipher {
  if (cipher) return cipher;
  if (isLocal()) {
    cipher = new LocalSecretCipher(localKey(localFile('webhook-secret.key')));
  } else {
    const keyId = config('webhooks').WEBHOOK_KEY_ID;
    if (!keyId) throw new Error('WEBHOOK_KEY_ID is not set');
    cipher = new KmsSecretCipher(new KMSClient({ region: config('core').AWS_REGION }), keyId);
  }
  return cipher;
}
