import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * btree_gist lets one GiST index hold `policy_id WITH =` beside range overlaps, which the ledger's exclusion
 * constraint needs. The DO block proves the machinery works on this server before anything relies on it.
 */
export class EnableBtreeGist1795766400000 implements MigrationInterface {
  name = 'EnableBtreeGist1795766400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
      DO $$
      BEGIN
        CREATE TEMPORARY TABLE btree_gist_proof (
          owner_id bigint NOT NULL,
          during daterange NOT NULL,
          EXCLUDE USING gist (owner_id WITH =, during WITH &&)
        ) ON COMMIT DROP;
        INSERT INTO btree_gist_proof VALUES (1, '[2025-03-24,2025-09-01)'), (2, '[2025-03-24,2025-09-01)');
        BEGIN
          INSERT INTO btree_gist_proof VALUES (1, '[2025-08-31,)');
          RAISE EXCEPTION 'btree_gist exclusion constraint accepted an overlapping row';
        EXCEPTION WHEN exclusion_violation THEN
          NULL; -- refused, as it must be
        END;
        DROP TABLE btree_gist_proof;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
  }
}
