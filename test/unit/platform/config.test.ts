import { config, resetConfig } from '../../../shared/platform/config';

/** Runs `read` with exactly these variables set (others of the section unset), then restores the environment. */
function withEnv<T>(vars: Record<string, string | undefined>, read: () => T): T {
  const saved = { ...process.env };
  try {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfig();
    return read();
  } finally {
    process.env = saved;
    resetConfig();
  }
}

describe('config', () => {
  it('applies defaults and leaves unset optional variables out', () => {
    const core = withEnv(
      { SMSPROJ_RUNTIME: undefined, AWS_REGION: undefined, LOG_LEVEL: undefined, LOCAL_DATA_DIR: undefined },
      () => config('core'),
    );
    expect(core).toEqual({ SMSPROJ_RUNTIME: 'aws', AWS_REGION: 'us-east-1', LOG_LEVEL: 'INFO' });
  });

  it('parses integers, enumerations and URLs; an empty variable counts as unset', () => {
    const v = withEnv(
      {
        VERIFICATION_EXPORT_SYNC_LIMIT: '10',
        VERIFICATION_COOLDOWN_MINUTES: '',
        VERIFICATION_REUSE_DAYS: undefined,
      },
      () => config('verifications'),
    );
    expect(v).toMatchObject({
      VERIFICATION_EXPORT_SYNC_LIMIT: 10,
      VERIFICATION_COOLDOWN_MINUTES: 20,
      VERIFICATION_REUSE_DAYS: 30,
    });
    const sms = withEnv({ SMS_CARRIER: 'sns', SMS_QUEUE_URL: 'http://localhost:9324/q' }, () =>
      config('sms'),
    );
    expect(sms).toMatchObject({
      SMS_CARRIER: 'sns',
      SMS_QUEUE_URL: 'http://localhost:9324/q',
      SMS_PROVISIONING: 'manual',
    });
  });

  it('names every invalid variable of the section in one error', () => {
    expect(() =>
      withEnv({ TABLE_NAME: undefined, DYNAMODB_ENDPOINT: 'not a url' }, () => config('table')),
    ).toThrow('Invalid configuration (table): TABLE_NAME: required; DYNAMODB_ENDPOINT: must be a URL');
    expect(() => withEnv({ SMS_CARRIER: 'pigeon' }, () => config('sms'))).toThrow(
      'SMS_CARRIER: must be one of eum, sns',
    );
    expect(() => withEnv({ VERIFICATION_REUSE_DAYS: '400' }, () => config('verifications'))).toThrow(
      'VERIFICATION_REUSE_DAYS: must be an integer from 0 to 365',
    );
    expect(() => withEnv({ VERIFICATION_REUSE_DAYS: '2.5' }, () => config('verifications'))).toThrow(
      'must be an integer',
    );
  });

  it('parses a section once until reset', () => {
    const first = withEnv({ AWS_REGION: 'eu-west-1' }, () => {
      const a = config('core');
      process.env.AWS_REGION = 'ap-south-1';
      return [a, config('core')] as const;
    });
    expect(first[0]).toBe(first[1]);
    expect(first[1].AWS_REGION).toBe('eu-west-1');
  });
});
