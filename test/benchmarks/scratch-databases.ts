import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@policy-cms/database';

/**
 * Runs `benchmark` once per size, each on a fresh database of its own (dropped afterwards), on the server at
 * DATABASE_URL or on an embedded one started for the run.
 */
export async function onScratchDatabases(
  prefix: string,
  sizes: number[],
  benchmark: (url: string, size: number) => Promise<void>,
): Promise<void> {
  await onScratchServer(async (admin, adminUrl) => {
    for (const size of sizes) await onScratchDatabase(admin, adminUrl, `${prefix}_${size}`, (url) => benchmark(url, size));
  });
}

/** Creates the database `name` (dropping a leftover first), runs `body` on its URL, and drops it afterwards. */
export async function onScratchDatabase<T>(admin: Client, adminUrl: string, name: string, body: (url: string) => Promise<T>): Promise<T> {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await body(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * Runs `body` with an admin connection to the server at DATABASE_URL, or to an embedded one started for the run
 * (and stopped afterwards). Prints the server's version first.
 */
export async function onScratchServer(body: (admin: Client, adminUrl: string, version: string) => Promise<void>): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stop: () => Promise<void> = async () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-cms-bench-'));
  if (!adminUrl) {
    const server = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
    adminUrl = server.adminUrl;
    stop = server.stop;
  }
  try {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const [{ server_version: version }] = (await admin.query(`SHOW server_version`)).rows;
    console.log(`PostgreSQL ${version} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})\n`);
    await body(admin, adminUrl, version);
    await admin.end();
  } finally {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
