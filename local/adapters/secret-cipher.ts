import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ENCRYPTION_CONTEXT, type SecretCipher } from '../../shared/webhooks/secret-cipher';
import { localFile } from './files';

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

/** The local runtime's cipher: its key lives in `<data dir>/webhook-secret.key`, read on first use. */
export function localSecretCipher(): SecretCipher {
  let cipher: LocalSecretCipher | undefined;
  const current = () => {
    cipher ??= new LocalSecretCipher(localKey(localFile('webhook-secret.key')));
    return cipher;
  };
  return { encrypt: (plain) => current().encrypt(plain), decrypt: (text) => current().decrypt(text) };
}
