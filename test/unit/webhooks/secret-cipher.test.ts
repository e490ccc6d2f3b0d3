import { randomBytes } from 'node:crypto';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { LocalSecretCipher } from '../../../local/adapters/secret-cipher';
import { KmsSecretCipher } from '../../../shared/webhooks/secret-cipher';

describe('webhook secret encryption', () => {
  it('locally: AES-256-GCM, random IV, tamper-evident', async () => {
    const cipher = new LocalSecretCipher(randomBytes(32));
    const a = await cipher.encrypt('whsec_abc');
    const b = await cipher.encrypt('whsec_abc');
    expect(a).not.toBe(b);
    expect(a).not.toContain('whsec_abc');
    expect(await cipher.decrypt(a)).toBe('whsec_abc');
    const raw = Buffer.from(a.slice(6), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    await expect(cipher.decrypt(`local:${raw.toString('base64')}`)).rejects.toThrow();
    await expect(new LocalSecretCipher(randomBytes(32)).decrypt(a)).rejects.toThrow();
  });

  it('in AWS: KMS Encrypt/Decrypt with the key id and the purpose as encryption context', async () => {
    const kms = mockClient(KMSClient);
    kms.on(EncryptCommand).resolves({ CiphertextBlob: Buffer.from('blob') });
    kms.on(DecryptCommand).resolves({ Plaintext: Buffer.from('whsec_xyz') });
    const cipher = new KmsSecretCipher(new KMSClient({ region: 'eu-west-1' }), 'alias/webhooks');
    const ciphertext = await cipher.encrypt('whsec_xyz');
    expect(ciphertext).toBe(`kms:${Buffer.from('blob').toString('base64')}`);
    expect(await cipher.decrypt(ciphertext)).toBe('whsec_xyz');
    expect(kms).toHaveReceivedCommandWith(EncryptCommand, {
      KeyId: 'alias/webhooks',
      Plaintext: Buffer.from('whsec_xyz'),
      EncryptionContext: { purpose: 'smsproj-webhook-secret' },
    });
    expect(kms).toHaveReceivedCommandWith(DecryptCommand, {
      KeyId: 'alias/webhooks',
      CiphertextBlob: Buffer.from('blob'),
      EncryptionContext: { purpose: 'smsproj-webhook-secret' },
    });
  });
});
