import {
  assertWebhookUrl,
  forbiddenAddressReason,
  parseWebhookUrl,
} from '../../../shared/webhooks/url-guard';

const aws = { allowLoopback: false };
const local = { allowLoopback: true };

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('webhook URL guard', () => {
  it.each([
    'ftp://example.com/hook',
    'file:///etc/passwd',
    'gopher://example.com',
    'javascript:alert(1)',
    'https://user:pass@example.com/hook',
    'https://user@example.com/hook',
    'http://example.com/hook',
    'not a url',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]/hook',
    'https://[fd00:ec2::254]/hook',
    'https://10.0.0.1/hook',
    'https://192.168.1.10/hook',
    'https://172.16.5.4/hook',
    'https://127.0.0.1/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://[::ffff:169.254.169.254]/hook',
    'https://[::ffff:10.0.0.1]/hook',
    'https://0.0.0.0/hook',
  ])('refuses %s in AWS with 400 invalid_url', (url) => {
    expect(code(() => parseWebhookUrl(url, aws))).toBe('invalid_url');
  });

  it.each(['https://example.com/hook', 'https://93.184.216.34/x', 'https://[2606:4700::1111]/x'])(
    'accepts %s in AWS',
    (url) => {
      expect(code(() => parseWebhookUrl(url, aws))).toBeUndefined();
    },
  );

  it('allows http loopback only in the local runtime', () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost:9/x', 'http://[::1]:3000/']) {
      expect(code(() => parseWebhookUrl(url, local))).toBeUndefined();
      expect(code(() => parseWebhookUrl(url, aws))).toBe('invalid_url');
    }
    expect(code(() => parseWebhookUrl('http://example.com/', local))).toBe('invalid_url');
  });

  it('refuses link-local and metadata addresses even locally', () => {
    expect(code(() => parseWebhookUrl('http://169.254.169.254/', local))).toBe('invalid_url');
    expect(code(() => parseWebhookUrl('https://169.254.170.2/v2/credentials', local))).toBe('invalid_url');
    expect(forbiddenAddressReason('fd00:ec2::254', local)).toBeDefined();
    expect(forbiddenAddressReason('fe80::abcd', local)).toBeDefined();
    expect(forbiddenAddressReason('127.0.0.1', local)).toBeUndefined();
    expect(forbiddenAddressReason('127.0.0.1', aws)).toBeDefined();
    expect(forbiddenAddressReason('8.8.8.8', aws)).toBeUndefined();
  });

  it('checks what a host name resolves to (DNS rebinding at creation)', async () => {
    const to = (address: string) => async () => [{ address }];
    await expect(
      assertWebhookUrl('https://hooks.example.com/x', aws, to('169.254.169.254')),
    ).rejects.toMatchObject({
      code: 'invalid_url',
    });
    await expect(assertWebhookUrl('https://hooks.example.com/x', aws, to('10.1.2.3'))).rejects.toMatchObject({
      code: 'invalid_url',
    });
    await expect(assertWebhookUrl('https://hooks.example.com/x', local, to('fe80::1'))).rejects.toMatchObject(
      {
        code: 'invalid_url',
      },
    );
    const failing = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(assertWebhookUrl('https://nowhere.example/x', aws, failing)).rejects.toMatchObject({
      code: 'invalid_url',
    });
    await expect(
      assertWebhookUrl('https://hooks.example.com/x', aws, to('93.184.216.34')),
    ).resolves.toBeInstanceOf(URL);
  });
});
