import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts: a memory-hard password hash (scrypt) and one or more roles. */
export class CreateUserAccount1795766400003 implements MigrationInterface {
  name = 'CreateUserAccount1795766400003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_account (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username       text NOT NULL CONSTRAINT user_account_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
        display_name   text NOT NULL CHECK (btrim(display_name) <> ''),
        password_hash  text NOT NULL,
        roles          text[] NOT NULL CONSTRAINT user_account_roles_known
                         CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR']),
        disabled       boolean NOT NULL DEFAULT false,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX user_account_username ON user_account (username)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE user_account`);
  }
}
