import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger announces its changes, so that every API instance can answer the public reads from memory.
 * - `ledger_watermark` counts the statements that changed the ledger (`seq`) and holds the latest record instant
 *   committed (`at`). Each change updates its one row, so changes commit in `seq` order: a database (a streaming
 *   replica too) whose seq is n holds every ledger change numbered n or less.
 * - Every statement that adds or closes ledger rows moves the watermark and sends, per policy it touched,
 *   `NOTIFY policy_cms_ledger, '{"seq":…,"policyId":…,"at":…}'`; PostgreSQL delivers notifications only on commit, in
 *   commit order, so an instance never hears of a change that rolled back.
 * - A new or changed policy counts as a change too and sends `{"seq":…,"policies":true}`.
 * The trigger functions run as the schema owner (SECURITY DEFINER): the API's role may read the watermark, not set it.
 */
/** LEDGER_WRITE_LOCK of libs/policy ('ledger' in ASCII), fixed here: a migration never changes with the code. */
const LEDGER_WRITE_LOCK_KEY = 0x6c6564676572;

export class LedgerWatermark1795766400009 implements MigrationInterface {
  name = 'LedgerWatermark1795766400009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ledger_watermark (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        seq bigint NOT NULL,
        at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      INSERT INTO ledger_watermark (seq, at)
      SELECT 0, coalesce(max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded)))), '-infinity')
        FROM ledger_segment`);
    const [{ schema }] = await queryRunner.query(`SELECT current_schema() AS schema`);
    const searchPath = `SET search_path = "${String(schema).replace(/"/g, '""')}", pg_temp`;
    await queryRunner.query(`
      CREATE FUNCTION ledger_announce() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER ${searchPath} AS $$
      DECLARE
        change bigint;
      BEGIN
        UPDATE ledger_watermark
           SET seq = seq + 1,
               at = greatest(at, (SELECT max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded))))
                                    FROM changed_rows))
        RETURNING seq INTO change;
        PERFORM pg_notify('policy_cms_ledger',
                          json_build_object('seq', change::text, 'policyId', policy_id::text, 'at', at)::text)
           FROM (SELECT policy_id, max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded)))) AS at
                   FROM changed_rows GROUP BY policy_id) AS changed_policies;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_segment_announce_insert AFTER INSERT ON ledger_segment
        REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_announce()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_segment_announce_update AFTER UPDATE ON ledger_segment
        REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_announce()`);
    await queryRunner.query(`
      CREATE FUNCTION policy_announce() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER ${searchPath} AS $$
      DECLARE
        change bigint;
      BEGIN
        UPDATE ledger_watermark SET seq = seq + 1 RETURNING seq INTO change;
        PERFORM pg_notify('policy_cms_ledger', json_build_object('seq', change::text, 'policies', true)::text);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER policy_announce AFTER INSERT OR UPDATE ON policy
        FOR EACH STATEMENT EXECUTE FUNCTION policy_announce()`);
    // The read model's barrier in one prepared statement: the write lock taken shared (waiting for every write that
    // holds it), then the change count read in a snapshot taken after the lock (each statement of a VOLATILE
    // function takes its own), so it includes every write the lock waited for. 10 s at most, then 55P03.
    await queryRunner.query(`
      CREATE FUNCTION ledger_barrier() RETURNS bigint LANGUAGE plpgsql VOLATILE SET lock_timeout = '10s' AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(${LEDGER_WRITE_LOCK_KEY});
        RETURN (SELECT seq FROM ledger_watermark);
      END
      $$`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'policy_cms_runtime') THEN
          GRANT SELECT ON ledger_watermark TO policy_cms_runtime;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ledger_barrier()`);
    await queryRunner.query(`DROP TRIGGER policy_announce ON policy`);
    await queryRunner.query(`DROP FUNCTION policy_announce()`);
    await queryRunner.query(`DROP TRIGGER ledger_segment_announce_update ON ledger_segment`);
    await queryRunner.query(`DROP TRIGGER ledger_segment_announce_insert ON ledger_segment`);
    await queryRunner.query(`DROP FUNCTION ledger_announce()`);
    await queryRunner.query(`DROP TABLE ledger_watermark`);
  }
}
