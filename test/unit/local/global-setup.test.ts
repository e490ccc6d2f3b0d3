import { runtimeNeeded } from '../../setup/global-setup';

describe('runtimeNeeded', () => {
  const saved = { skip: process.env.SMSPROJ_SKIP_RUNTIME, file: process.env.SMSPROJ_TEST_ENV_FILE };
  beforeEach(() => {
    delete process.env.SMSPROJ_SKIP_RUNTIME;
    delete process.env.SMSPROJ_TEST_ENV_FILE;
  });
  afterAll(() => {
    if (saved.skip !== undefined) process.env.SMSPROJ_SKIP_RUNTIME = saved.skip;
    if (saved.file !== undefined) process.env.SMSPROJ_TEST_ENV_FILE = saved.file;
  });

  const config = (patterns: string[] = []) => ({ testPathPatterns: { patterns } });

  it('starts the runtime for a plain run and for the integration or e2e projects', () => {
    expect(runtimeNeeded(config(), ['node', 'jest'])).toBe(true);
    expect(runtimeNeeded(config(), ['node', 'jest', '--selectProjects', 'integration'])).toBe(true);
    expect(runtimeNeeded(config(), ['node', 'jest', '--selectProjects=unit,e2e'])).toBe(true);
    expect(runtimeNeeded(config(['test/integration/x']), ['node', 'jest'])).toBe(true);
  });

  it('skips it for unit or infra only runs', () => {
    expect(runtimeNeeded(config(), ['node', 'jest', '--selectProjects', 'unit', 'infra', '--ci'])).toBe(
      false,
    );
    expect(runtimeNeeded(config(['test/unit/local', 'test/infra/']), ['node', 'jest'])).toBe(false);
  });

  it('skips it when asked to, or when tests target a runtime that is already running', () => {
    process.env.SMSPROJ_SKIP_RUNTIME = '1';
    expect(runtimeNeeded(config(), ['node', 'jest'])).toBe(false);
    delete process.env.SMSPROJ_SKIP_RUNTIME;
    process.env.SMSPROJ_TEST_ENV_FILE = '/tmp/ready.json';
    expect(runtimeNeeded(config(), ['node', 'jest'])).toBe(false);
  });
});
