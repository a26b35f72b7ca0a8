import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maker-checker bookkeeping on versions: who wrote them (the approver may be none of them), and the hash of exactly
 * what was approved, which publishing compares against.
 */
export class AddEditorialWorkflow1795766400004 implements MigrationInterface {
  name = 'AddEditorialWorkflow1795766400004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policy_version
        ADD COLUMN created_by          uuid REFERENCES user_account (id),
        ADD COLUMN author_ids          uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN approved_hash       text,
        ADD COLUMN approved_by         uuid REFERENCES user_account (id),
        ADD COLUMN approved_at         timestamptz,
        ADD COLUMN retroactive_reason  text CHECK (retroactive_reason IS NULL OR btrim(retroactive_reason) <> ''),
        ADD CONSTRAINT policy_version_approval_complete
          CHECK ((approved_hash IS NULL) = (approved_by IS NULL) AND (approved_by IS NULL) = (approved_at IS NULL)),
        ADD CONSTRAINT policy_version_approver_not_author
          CHECK (approved_by IS NULL OR NOT (approved_by = ANY (author_ids)))`);
    await queryRunner.query(`CREATE INDEX policy_version_created_by ON policy_version (created_by)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE policy_version
        DROP COLUMN created_by, DROP COLUMN author_ids, DROP COLUMN approved_hash, DROP COLUMN approved_by,
        DROP COLUMN approved_at, DROP COLUMN retroactive_reason`);
  }
}
