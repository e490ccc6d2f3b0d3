import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { port } from '../platform/adapters/port';
import { config } from '../platform/config';

/**
 * Webhook signing secrets at rest. The platform must sign with the clear secret, so it is
 * encrypted (not hashed): KMS in AWS (`WEBHOOK_KEY_ID`, a customer managed key with rotation,
 * bound to the purpose by the encryption context), AES-256-GCM with a key file in the local
 * data directory locally (local/adapters/secret-cipher.ts). The clear secret only ever lives in memory.
 */
export interface SecretCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(ciphertext: string): Promise<string>;
}

export const ENCRYPTION_CONTEXT = { purpose: 'smsproj-webhook-secret' };

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

/** KMS in AWS; the local runtime installs an AES-256-GCM cipher (local/adapters/secret-cipher.ts). */
let kms: KmsSecretCipher | undefined;

export const secretCipher = /* @__PURE__ */ port<SecretCipher>(() => {
  if (kms) return kms;
  const keyId = config('webhooks').WEBHOOK_KEY_ID;
  if (!keyId) throw new Error('WEBHOOK_KEY_ID is not set');
  kms = new KmsSecretCipher(new KMSClient({ region: config('core').AWS_REGION }), keyId);
  return kms;
});
