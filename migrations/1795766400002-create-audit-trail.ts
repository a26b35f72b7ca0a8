import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: one append-only table whose rows form a hash chain (each row's hash covers the previous hash and
 * a canonical form of the event; computed by libs/audit). PostgreSQL itself refuses UPDATE, DELETE and TRUNCATE,
 * and refuses a fork of the chain (two events naming the same predecessor, or two first events).
 *
 * Who can get around it:
 * - the triggers hold for every role, superusers included, until the table owner (or a superuser) disables them;
 * - so, where the server allows it, the table and the trigger function are handed to a NOLOGIN role,
 *   `policy_cms_audit_owner`, and the migrating role keeps only SELECT and INSERT: it can no longer disable the
 *   triggers, replace the trigger function or drop the table;
 * - a superuser bypasses ownership and privileges entirely (and can also set session_replication_role = replica),
 *   so production should connect with a role that is neither superuser nor CREATEROLE (a CREATEROLE role can grant
 *   itself membership in the owner role again) and owns neither the database nor the schema (a schema's owner may
 *   still DROP the table). The hash chain is the last line: tampering is then detected by verification, not
 *   prevented. Checked by hand on PostgreSQL 15 and 17 as a CREATEROLE database owner (handed over; DISABLE TRIGGER
 *   and replacing the function refused; down() and up() again work) and as a plain role (skipped with a NOTICE).
 */
export class CreateAuditTrail1795766400002 implements MigrationInterface {
  name = 'CreateAuditTrail1795766400002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_event (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- Whole milliseconds: the hash covers the instant as an ISO string, which has no room for microseconds.
        occurred_at     timestamptz NOT NULL CONSTRAINT audit_event_occurred_at_millis
                          CHECK (occurred_at = date_trunc('milliseconds', occurred_at)),
        actor_id        text,         -- null: anonymous or the system itself
        actor_name      text,
        action          text NOT NULL CONSTRAINT audit_event_action_format CHECK (action ~ '^[a-z0-9_]+(\\.[a-z0-9_]+)*$'),
        target_type     text,
        target_id       text,
        before          jsonb,
        after           jsonb,
        reason          text,
        client_address  text,
        prev_hash       text CONSTRAINT audit_event_one_successor UNIQUE,
        hash            text NOT NULL CONSTRAINT audit_event_hash_unique UNIQUE
                          CONSTRAINT audit_event_hash_format CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    // The chain cannot fork: one event without a predecessor, and (above) at most one successor per event.
    await queryRunner.query(`CREATE UNIQUE INDEX audit_event_one_first ON audit_event ((prev_hash IS NULL)) WHERE prev_hash IS NULL`);
    // The trail is read newest first, narrowed by actor, action, target or time.
    await queryRunner.query(`CREATE INDEX audit_event_actor ON audit_event (actor_id, id)`);
    await queryRunner.query(`CREATE INDEX audit_event_action ON audit_event (action, id)`);
    await queryRunner.query(`CREATE INDEX audit_event_target ON audit_event (target_type, target_id, id)`);
    await queryRunner.query(`CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at)`);

    await queryRunner.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on audit_event refused', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`);

    // Role separation, where the server allows it. Roles are cluster-wide and many databases (every test file's
    // copy, say) share one cluster: create the role only if missing, and let a concurrent creator win the race.
    // A non-superuser may hand over ownership only to a role it can SET ROLE to and that has CREATE on the schema;
    // both are granted for the moment of the handover and taken back right after.
    await queryRunner.query(`
      DO $$
      DECLARE
        me      text := current_user;
        super   boolean;
        creator boolean;
      BEGIN
        SELECT rolsuper, rolcreaterole INTO super, creator FROM pg_roles WHERE rolname = me;
        IF NOT (super OR creator) THEN
          RAISE NOTICE 'audit_event stays owned by %: this role may not create roles (the triggers still hold)', me;
          RETURN;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'policy_cms_audit_owner') THEN
          BEGIN
            CREATE ROLE policy_cms_audit_owner NOLOGIN;
          EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- created by a concurrent migration of another database
          END;
        END IF;
        BEGIN
          IF NOT super THEN
            GRANT policy_cms_audit_owner TO CURRENT_USER;
            EXECUTE format('GRANT CREATE ON SCHEMA %I TO policy_cms_audit_owner', current_schema());
          END IF;
          ALTER TABLE audit_event OWNER TO policy_cms_audit_owner; -- its identity sequence follows
          ALTER FUNCTION audit_event_refuse_change() OWNER TO policy_cms_audit_owner;
          EXECUTE format('GRANT SELECT, INSERT ON audit_event TO %I', me);
          EXECUTE format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence('audit_event', 'id'), me);
          IF NOT super THEN
            EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM policy_cms_audit_owner', current_schema());
            REVOKE policy_cms_audit_owner FROM CURRENT_USER;
          END IF;
        EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
          -- Everything in this block is undone: the table stays with the migrating role, triggers in place.
          RAISE NOTICE 'audit_event stays owned by %: %', me, SQLERRM;
        END;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Only the owner may drop the table. A superuser can; a CREATEROLE role takes back membership in the owner role
    // for the drop (it holds ADMIN on the role it created). Otherwise this fails and says so: revert as a superuser.
    // The role itself stays: it is cluster-wide, and other databases on the server may still own their trail by it.
    await queryRunner.query(`
      DO $$
      DECLARE
        borrowed boolean := false;
      BEGIN
        IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'audit_event'::regclass), 'USAGE') THEN
          GRANT policy_cms_audit_owner TO CURRENT_USER;
          borrowed := true;
        END IF;
        DROP TABLE audit_event;
        DROP FUNCTION audit_event_refuse_change();
        IF borrowed THEN
          REVOKE policy_cms_audit_owner FROM CURRENT_USER;
        END IF;
      END
      $$`);
  }
}
