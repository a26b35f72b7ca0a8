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

  it('turns introspection and the Sandbox off by default in production, and lets either be set', () => {
    expect(loadConfig({})).toMatchObject({ graphqlIntrospection: true, graphqlSandbox: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ graphqlIntrospection: false, graphqlSandbox: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '1' })).toMatchObject({ graphqlIntrospection: true, graphqlSandbox: false });
    expect(loadConfig({ GRAPHQL_SANDBOX: 'no' }).graphqlSandbox).toBe(false);
  });

  it('reads CORS_ORIGINS as a list of origins, none by default, and refuses anything else', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://portal.example.jp, http://localhost:8080,https://[::1]:8443' }).corsOrigins).toEqual([
      'https://portal.example.jp',
      'http://localhost:8080',
      'https://[::1]:8443',
    ]);
    for (const bad of ['*', 'portal.example.jp', 'https://portal.example.jp/', 'https://portal.example.jp/path', 'ftp://x.example']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });

  it('limits each address to 600 requests a minute by default; 0 turns the limit off', () => {
    expect(loadConfig({}).rateLimitPerMinute).toBe(600);
    expect(loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => loadConfig({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});
