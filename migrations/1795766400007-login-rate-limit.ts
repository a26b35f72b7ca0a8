import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login limits that hold across API instances, and staff accounts that can be switched off or re-keyed.
 *
 * - `login_rate_limit` is the table of rate-limiter-flexible's `RateLimiterPostgres` store, column for column as the
 *   library would create it (`key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint`, expire
 *   in epoch milliseconds); the API tells the library it exists, so the runtime role never needs CREATE. The index on
 *   `expire` serves the periodic clean-up of expired counters.
 * - `user_account.credentials_version` is carried in every token and raised by a password change or reset and by a
 *   deactivation, so tokens issued before stop working (a counter orders events exactly; a second-granular `iat`
 *   cannot tell a login from a password change in the same second).
 * - An account may hold no role: it can log in and see itself, nothing else.
 */
export class LoginRateLimit1795766400007 implements MigrationInterface {
  name = 'LoginRateLimit1795766400007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_rate_limit (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await queryRunner.query(`CREATE INDEX login_rate_limit_expire ON login_rate_limit (expire)`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_rate_limit TO policy_cms_runtime`);

    await queryRunner.query(`ALTER TABLE user_account ADD COLUMN credentials_version integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      ALTER TABLE user_account
        DROP CONSTRAINT user_account_roles_known,
        ADD CONSTRAINT user_account_roles_known CHECK (roles <@ ARRAY['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'])`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while an account has no role, rather than inventing one for it.
    await queryRunner.query(`
      ALTER TABLE user_account
        DROP CONSTRAINT user_account_roles_known,
        ADD CONSTRAINT user_account_roles_known
          CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'])`);
    await queryRunner.query(`ALTER TABLE user_account DROP COLUMN credentials_version`);
    await queryRunner.query(`DROP TABLE login_rate_limit`);
  }
}
