import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Least privilege: the API runs as a login role that is a member of the NOLOGIN group role `policy_cms_runtime`,
 * which owns nothing and holds only the rights the API's SQL uses. It cannot alter, drop or truncate a table, disable
 * a trigger, update or delete audit events, or rewrite a ledger row other than by closing its record time.
 *
 * Later migrations that add tables grant `policy_cms_runtime` what the API needs on them, next to the CREATE.
 * Roles are cluster-wide: the role is created only when missing (a concurrent creator, another test database on the
 * same server, may win the race), and when the migrating role may not create it, the operator creates it by hand
 * (README.md, "Deploying on your own PostgreSQL").
 */
export class RuntimeRole1795766400005 implements MigrationInterface {
  name = 'RuntimeRole1795766400005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        me      text := current_user;
        super   boolean;
        creator boolean;
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'policy_cms_runtime') THEN
          RETURN;
        END IF;
        SELECT rolsuper, rolcreaterole INTO super, creator FROM pg_roles WHERE rolname = me;
        IF NOT (super OR creator) THEN
          RAISE EXCEPTION 'the role policy_cms_runtime is missing and % may not create it', me
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'create it as a superuser with the SQL in README.md, "Deploying on your own PostgreSQL"';
        END IF;
        BEGIN
          CREATE ROLE policy_cms_runtime NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
          NULL; -- created by a concurrent migration of another database
        END;
      END
      $$`);

    // The schema's objects are reachable, but nothing can be created in it (PostgreSQL 15+ already denies PUBLIC
    // CREATE on "public"; older servers and other schemas may not). A migrating role that does not own the schema
    // cannot change this; the operator's SQL in the README does it then.
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO policy_cms_runtime', current_schema());
        EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', current_schema());
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'schema % left as it is: %', current_schema(), SQLERRM;
      END
      $$`);

    // Row locks (SELECT … FOR UPDATE / FOR NO KEY UPDATE on policy, taken by publishing and the demo loader) need
    // UPDATE on some column. The identity column is the harmless one: it can only be set to DEFAULT, and any policy
    // that has versions is pinned by their foreign keys.
    await queryRunner.query(`GRANT SELECT, INSERT ON policy TO policy_cms_runtime`);
    await queryRunner.query(`GRANT UPDATE (id) ON policy TO policy_cms_runtime`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON policy_version TO policy_cms_runtime`);
    // Closing a row's record time is the one change the ledger's trigger allows; the column grant says the same.
    await queryRunner.query(`GRANT SELECT, INSERT ON ledger_segment TO policy_cms_runtime`);
    await queryRunner.query(`GRANT UPDATE (recorded) ON ledger_segment TO policy_cms_runtime`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON user_account TO policy_cms_runtime`);
    await queryRunner.query(`GRANT SELECT ON schema_migration TO policy_cms_runtime`);
    await queryRunner.query(`
      GRANT USAGE ON SEQUENCE policy_publication_seq, policy_id_seq, ledger_segment_id_seq TO policy_cms_runtime`);

    // audit_event may belong to policy_cms_audit_owner (migration 1795766400002). A superuser grants directly; a
    // CREATEROLE role borrows membership in the owner role for the grant, as that migration's down() does.
    await queryRunner.query(`
      DO $$
      DECLARE
        borrowed boolean := false;
      BEGIN
        IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_event'::regclass), 'USAGE') THEN
          GRANT policy_cms_audit_owner TO CURRENT_USER;
          borrowed := true;
        END IF;
        GRANT SELECT, INSERT ON audit_event TO policy_cms_runtime;
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO policy_cms_runtime', pg_get_serial_sequence('audit_event', 'id'));
        IF borrowed THEN
          REVOKE policy_cms_audit_owner FROM CURRENT_USER;
        END IF;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The role stays: it is cluster-wide, and other databases on the server may still grant to it.
    await queryRunner.query(`
      REVOKE ALL ON policy, policy_version, ledger_segment, user_account, schema_migration FROM policy_cms_runtime`);
    await queryRunner.query(`
      REVOKE ALL ON SEQUENCE policy_publication_seq, policy_id_seq, ledger_segment_id_seq FROM policy_cms_runtime`);
    await queryRunner.query(`
      DO $$
      DECLARE
        borrowed boolean := false;
      BEGIN
        IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_event'::regclass), 'USAGE') THEN
          GRANT policy_cms_audit_owner TO CURRENT_USER;
          borrowed := true;
        END IF;
        REVOKE ALL ON audit_event FROM policy_cms_runtime;
        EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM policy_cms_runtime', pg_get_serial_sequence('audit_event', 'id'));
        IF borrowed THEN
          REVOKE policy_cms_audit_owner FROM CURRENT_USER;
        END IF;
      END
      $$`);
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM policy_cms_runtime', current_schema());
      EXCEPTION WHEN insufficient_privilege THEN
        NULL;
      END
      $$`);
  }
}
