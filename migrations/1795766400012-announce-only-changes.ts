import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A ledger statement that changed no row (a withdrawal closing nothing, an UPDATE whose WHERE matched nothing) still
 * fired the statement trigger of migration 0009: it counted a change in `ledger_watermark.seq` but sent no
 * notification, since the notifications come from the changed rows. Instances then waited for a change number that
 * would never be announced, and after 2 s reloaded everything. Now such a statement counts nothing.
 */
export class AnnounceOnlyChanges1795766400012 implements MigrationInterface {
  name = 'AnnounceOnlyChanges1795766400012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_announce() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        ${await searchPath(queryRunner)} AS $$
      DECLARE
        change bigint;
      BEGIN
        IF NOT EXISTS (SELECT FROM changed_rows) THEN
          RETURN NULL;
        END IF;
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_announce() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        ${await searchPath(queryRunner)} AS $$
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
  }
}

/** CREATE OR REPLACE resets a function's settings: the owner's function keeps its fixed search_path (0009). */
async function searchPath(queryRunner: QueryRunner): Promise<string> {
  const [{ schema }] = await queryRunner.query(`SELECT current_schema() AS schema`);
  return `SET search_path = "${String(schema).replace(/"/g, '""')}", pg_temp`;
}
