import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policies, their versions, and the bitemporal ledger that says which version was in force on which days
 * (effective time, a daterange) as the record stood at which instants (record time, a tstzrange).
 */
export class CreatePolicyLedger1795766400001 implements MigrationInterface {
  name = 'CreatePolicyLedger1795766400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE policy (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key         text NOT NULL UNIQUE CONSTRAINT policy_key_format CHECK (key ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
        kind        text NOT NULL,
        title       text NOT NULL CHECK (btrim(title) <> ''),
        section     text NOT NULL CHECK (btrim(section) <> ''),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // Publication order is global and gap-tolerant; only its order matters (painter's order).
    await queryRunner.query(`CREATE SEQUENCE policy_publication_seq AS bigint`);
    await queryRunner.query(`
      CREATE TABLE policy_version (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        policy_id        bigint NOT NULL REFERENCES policy (id),
        number           integer NOT NULL CHECK (number > 0),
        status           text NOT NULL CONSTRAINT policy_version_status_known
                           CHECK (status IN ('DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN')),
        effective        daterange NOT NULL CONSTRAINT policy_version_effective_bounded
                           CHECK (NOT isempty(effective) AND NOT lower_inf(effective)),
        content          jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
        summary          text NOT NULL CHECK (btrim(summary) <> ''),
        demo             boolean NOT NULL DEFAULT false,
        revision         integer NOT NULL DEFAULT 1 CHECK (revision > 0),
        publication_seq  bigint UNIQUE,
        published_at     timestamptz,
        withdrawn_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (policy_id, number),
        UNIQUE (id, policy_id),
        CONSTRAINT policy_version_published_has_order
          CHECK ((status IN ('PUBLISHED', 'WITHDRAWN')) = (publication_seq IS NOT NULL AND published_at IS NOT NULL)),
        CONSTRAINT policy_version_withdrawn_has_time CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX policy_version_policy_status ON policy_version (policy_id, status)`);

    // What went live stays as it went live: a published version's rule can only be withdrawn, never rewritten.
    await queryRunner.query(`
      CREATE FUNCTION policy_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status IN ('PUBLISHED', 'WITHDRAWN') THEN
            RAISE EXCEPTION 'a published policy version cannot be deleted' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status IN ('PUBLISHED', 'WITHDRAWN') AND (
             NEW.policy_id IS DISTINCT FROM OLD.policy_id OR NEW.number IS DISTINCT FROM OLD.number OR
             NEW.effective IS DISTINCT FROM OLD.effective OR NEW.content IS DISTINCT FROM OLD.content OR
             NEW.summary IS DISTINCT FROM OLD.summary OR NEW.demo IS DISTINCT FROM OLD.demo OR
             NEW.publication_seq IS DISTINCT FROM OLD.publication_seq OR
             NEW.published_at IS DISTINCT FROM OLD.published_at OR
             NOT (OLD.status = 'PUBLISHED' AND NEW.status IN ('PUBLISHED', 'WITHDRAWN') OR OLD.status = NEW.status)) THEN
          RAISE EXCEPTION 'a published policy version can only be withdrawn' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER policy_version_guard BEFORE UPDATE OR DELETE ON policy_version
        FOR EACH ROW EXECUTE FUNCTION policy_version_guard()`);

    await queryRunner.query(`
      CREATE TABLE ledger_segment (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        policy_id   bigint NOT NULL REFERENCES policy (id),
        version_id  uuid NOT NULL,
        effective   daterange NOT NULL,
        recorded    tstzrange NOT NULL,
        FOREIGN KEY (version_id, policy_id) REFERENCES policy_version (id, policy_id),
        CONSTRAINT ledger_segment_effective_bounded CHECK (NOT isempty(effective) AND NOT lower_inf(effective)),
        CONSTRAINT ledger_segment_recorded_ordered
          CHECK (NOT isempty(recorded) AND NOT lower_inf(recorded) AND lower_inc(recorded) AND NOT upper_inc(recorded)),
        -- The heart of the audit promise: one answer per policy, day and instant, enforced by PostgreSQL itself.
        CONSTRAINT ledger_segment_no_overlap
          EXCLUDE USING gist (policy_id WITH =, effective WITH &&, recorded WITH &&)
      )`);
    // Publishing reads the current (open) rows of one policy; as-of reads use the exclusion constraint's GiST index.
    await queryRunner.query(`
      CREATE INDEX ledger_segment_current ON ledger_segment (policy_id) WHERE upper_inf(recorded)`);

    await queryRunner.query(`
      CREATE FUNCTION ledger_segment_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND upper_inf(OLD.recorded)
           AND NOT upper_inf(NEW.recorded)
           AND lower(NEW.recorded) = lower(OLD.recorded)
           AND NEW.id = OLD.id AND NEW.policy_id = OLD.policy_id
           AND NEW.version_id = OLD.version_id AND NEW.effective = OLD.effective THEN
          RETURN NEW; -- closing the record time of a current row is the one change the ledger allows
        END IF;
        RAISE EXCEPTION 'the ledger is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_segment_append_only BEFORE UPDATE OR DELETE ON ledger_segment
        FOR EACH ROW EXECUTE FUNCTION ledger_segment_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_segment_no_truncate BEFORE TRUNCATE ON ledger_segment
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_segment_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ledger_segment`);
    await queryRunner.query(`DROP FUNCTION ledger_segment_append_only()`);
    await queryRunner.query(`DROP TABLE policy_version`);
    await queryRunner.query(`DROP FUNCTION policy_version_guard()`);
    await queryRunner.query(`DROP SEQUENCE policy_publication_seq`);
    await queryRunner.query(`DROP TABLE policy`);
  }
}
