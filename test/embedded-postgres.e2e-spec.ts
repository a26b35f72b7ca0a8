import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiProcess, startApiProcess } from './support/api-process';

/** The embedded default as a new user meets it: `npm start` with no DATABASE_URL. */
describe('the API on its embedded PostgreSQL', () => {
  // Each test starts one or two whole API processes with their own PostgreSQL (initdb included): on a busy two-core
  // machine that alone can take most of a minute.
  jest.setTimeout(180_000);
  const folders: string[] = [];
  const running: ApiProcess[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-cms-embedded-'));
    folders.push(dir);
    return dir;
  };
  const postgresPid = (dataDir: string) =>
    Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const policyCount = async (api: ApiProcess) => {
    const response = await fetch(`${api.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ policies { key } }' }),
    });
    return ((await response.json()) as { data: { policies: unknown[] } }).data.policies.length;
  };

  afterAll(async () => {
    for (const api of running) if (api.child.exitCode === null) api.child.kill('SIGKILL');
    for (const dir of folders) {
      const pidFile = join(dir, 'postgres', 'postmaster.pid');
      if (existsSync(pidFile) && isAlive(postgresPid(dir))) process.kill(postgresPid(dir), 'SIGINT');
    }
    await new Promise((done) => setTimeout(done, 500));
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with no setup, serves /health and /graphql with the demo data, and stops its server on SIGTERM', async () => {
    const dataDir = newDataDir();
    const api = await startApiProcess({ DATA_DIR: dataDir });
    running.push(api);

    expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    expect(await policyCount(api)).toBeGreaterThanOrEqual(10);
    const pid = postgresPid(dataDir);
    expect(isAlive(pid)).toBe(true);

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('recovers after a killed run left its PostgreSQL behind, and keeps the data', async () => {
    const dataDir = newDataDir();
    const first = await startApiProcess({ DATA_DIR: dataDir });
    running.push(first);
    const orphan = postgresPid(dataDir);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(orphan)).toBe(true); // SIGKILL gives no chance to stop it: this is the stale state

    const second = await startApiProcess({ DATA_DIR: dataDir });
    running.push(second);
    expect(isAlive(orphan)).toBe(false);
    expect((await fetch(`${second.baseUrl}/health`)).status).toBe(200);
    expect(await policyCount(second)).toBeGreaterThanOrEqual(10);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('runs two instances from two data folders side by side, on ports of their own, never 5432', async () => {
    const [a, b] = await Promise.all([startApiProcess({ DATA_DIR: newDataDir() }), startApiProcess({ DATA_DIR: newDataDir() })]);
    running.push(a, b);
    const portOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'embedded-postgres.json'), 'utf8')).port as number;
    const [portA, portB] = [portOf(folders.at(-2)!), portOf(folders.at(-1)!)];
    expect(portA).not.toBe(portB);
    expect([portA, portB]).not.toContain(5432);
    expect((await fetch(`${a.baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${b.baseUrl}/health`)).status).toBe(200);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);
  });

  it('restarts its PostgreSQL after a kill -9, answering UNAVAILABLE (not INTERNAL) meanwhile, and serves again', async () => {
    const dataDir = newDataDir();
    const api = await startApiProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    running.push(api);
    const killed = postgresPid(dataDir);
    const logBefore = api.output().length;
    process.kill(killed, 'SIGKILL');

    const codes = new Set<string>();
    const healthDuringOutage: number[] = [];
    const started = Date.now();
    let answered = false;
    const ask = async () => {
      const response = await fetch(`${api.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ policies { key } }' }),
      });
      const body = (await response.json()) as { data?: { policies: unknown[] } | null; errors?: { extensions: { code: string } }[] };
      return { response, body };
    };
    // The first requests after the kill may still be answered from memory, before the API has seen its connections
    // drop (the run on record lost that race): it counts as serving again only after the outage has been seen.
    while (!answered && Date.now() - started < 60_000) {
      const { response, body } = await ask();
      if (body.data?.policies?.length) answered = codes.size > 0;
      else {
        codes.add(`${body.errors?.[0]?.extensions.code ?? 'no code'} with HTTP ${response.status}`);
        const health = (await fetch(`${api.baseUrl}/health`)).status;
        healthDuringOutage.push(health);
        // /health says 200 only once the database is back (it may come back between the two requests): then the very
        // next query answers.
        if (health === 200) {
          expect((await ask()).body.data?.policies?.length).toBeGreaterThan(0);
          answered = true;
        }
      }
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(answered).toBe(true);
    expect(codes.size).toBeGreaterThan(0); // the outage was observed
    expect(healthDuringOutage.filter((status) => status !== 200).length).toBeGreaterThan(0); // by /health too
    expect([...codes]).toEqual(['UNAVAILABLE with HTTP 503']);
    expect(postgresPid(dataDir)).not.toBe(killed);
    expect((await fetch(`${api.baseUrl}/health`)).status).toBe(200);
    const log = api.output().slice(logBefore);
    expect(log).toMatch(/embedded PostgreSQL exited unexpectedly \(SIGKILL\): restarting it/);
    expect(log).toMatch(/embedded PostgreSQL is back/);
    // Requests during the outage are not logged as errors one by one (issue 8: 51 MB of logs in 30 s).
    expect(log).not.toMatch(/unexpected error while answering/);

    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('connects as a runtime role that owns nothing, with its password kept in the data folder (mode 0600)', async () => {
    const dataDir = newDataDir();
    const api = await startApiProcess({ DATA_DIR: dataDir });
    running.push(api);
    const settingsFile = join(dataDir, 'embedded-postgres.json');
    expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
    const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as { port: number; appPassword: string };
    const client = new Client({ connectionString: `postgres://policy_cms_app:${encodeURIComponent(settings.appPassword)}@127.0.0.1:${settings.port}/policy_cms` });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT rolsuper, pg_has_role(current_user, 'policy_cms_runtime', 'MEMBER') AS member FROM pg_roles WHERE rolname = current_user`);
      expect(rows[0]).toEqual({ rolsuper: false, member: true });
      const [application] = (await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'policy_cms_app' AND application_name = 'policy-cms'`)).rows;
      expect(application.n).toBeGreaterThan(0); // the API's own pool is connected as this role
      await expect(client.query('ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

  it('refuses, with a clear message, a second start on a data folder that is in use', async () => {
    const dataDir = newDataDir();
    const first = await startApiProcess({ DATA_DIR: dataDir });
    running.push(first);
    await expect(startApiProcess({ DATA_DIR: dataDir })).rejects.toThrow(/is in use by process/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });
});
