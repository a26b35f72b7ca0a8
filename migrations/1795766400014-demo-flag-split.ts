import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `demo` said one thing for two cases: a version whose content is invented for the demo (the 2027-04-01 facility
 * rollout), and a real rule whose record instant had to be assumed (the 2025-09-01 fix: announced on a day nobody
 * knows). Two columns now say which: `invented_content` and `record_date_assumed`; `demo` keeps its public meaning
 * (something in the version is not from a source). New columns of policy_version are frozen with the rest of a
 * published row by policy_version_guard (it compares whole rows, migration 0006), and the runtime role's table-wide
 * grants cover them. Rows loaded before this migration keep false in both: a published row is never rewritten.
 */
export class DemoFlagSplit1795766400014 implements MigrationInterface {
  name = 'DemoFlagSplit1795766400014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policy_version
        ADD COLUMN invented_content boolean NOT NULL DEFAULT false,
        ADD COLUMN record_date_assumed boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT policy_version_invented_is_demo CHECK (NOT invented_content OR demo)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policy_version
        DROP CONSTRAINT policy_version_invented_is_demo,
        DROP COLUMN record_date_assumed,
        DROP COLUMN invented_content`);
  }
}
