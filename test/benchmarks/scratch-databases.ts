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
    for (const size of sizes) {
      const name = `${prefix}_${size}`;
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        await benchmark(url.toString(), size);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
    await admin.end();
  } finally {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
