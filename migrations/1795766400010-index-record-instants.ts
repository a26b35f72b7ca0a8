import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The forward-only checks of 1795766400008 ask, for every ledger row written and every version published, for the
 * policy's last record instant. They read it as the greatest bound over all of the policy's rows: a scan of a
 * thousand index entries (and their heap rows) per row written, a millisecond of each publish on a policy with 1,000
 * versions. The same instant is the larger of the latest opening and the latest closing, and each is one step down a
 * btree ordered by (policy, instant). Same answer, same checks, same triggers: only the way it is found changes.
 *
 * The function becomes PL/pgSQL so that each session keeps the plan of its two lookups; a SQL function that is not
 * inlined is planned again in every transaction that calls it.
 */
export class IndexRecordInstants1795766400010 implements MigrationInterface {
  name = 'IndexRecordInstants1795766400010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ledger_segment_opened ON ledger_segment (policy_id, lower(recorded))`);
    // Current rows have no closing instant; leaving them out keeps the index to the closed rows it is asked about.
    await queryRunner.query(`
      CREATE INDEX ledger_segment_closed ON ledger_segment (policy_id, upper(recorded)) WHERE NOT upper_inf(recorded)`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_latest_instant(p_policy_id bigint) RETURNS timestamptz
        LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN greatest(
          (SELECT max(lower(recorded)) FROM ledger_segment WHERE policy_id = p_policy_id),
          (SELECT max(upper(recorded)) FROM ledger_segment WHERE policy_id = p_policy_id AND NOT upper_inf(recorded)));
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION ledger_latest_instant(p_policy_id bigint) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded))))
          FROM ledger_segment WHERE policy_id = p_policy_id
      $$`);
    await queryRunner.query(`DROP INDEX ledger_segment_closed`);
    await queryRunner.query(`DROP INDEX ledger_segment_opened`);
  }
}
