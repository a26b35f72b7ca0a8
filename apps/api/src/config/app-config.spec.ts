import { resolve } from 'node:path';
import { InvalidConfigError, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('runs on the embedded database with the demo data when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: resolve('.data'),
      demoData: true,
      logLevel: 'info',
    });
  });

  it('loads no demo data on a server given by DATABASE_URL unless DEMO_DATA=1', () => {
    const url = 'postgres://app@db.example:5432/policy';
    expect(loadConfig({ DATABASE_URL: url }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, DEMO_DATA: '1' }).demoData).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it('refuses to start with every bad variable listed at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems.map((problem) => problem.split('=')[0]);
    expect(problems.sort()).toEqual(['DATABASE_URL', 'DEMO_DATA', 'LOG_LEVEL', 'PORT']);
  });

  it('reads TRUST_PROXY as Express reads `trust proxy`, and refuses trusting every proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::/32 ,192.0.2.7' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '2001:db8::/32',
      '192.0.2.7',
    ]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '1.2.3', '10.0.0.1,']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });
});
