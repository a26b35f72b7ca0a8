import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Record time only moves forward, in the database itself. The API's role may append to the ledger, close a current
 * row and publish a version, so without this it could also backdate: insert a row, or close one, at an instant in the
 * past, or publish a version "as of" last year, and so change what a past `knownAt` answers. Now, per policy:
 * - a new ledger row starts, and a closed row ends, no earlier than every instant the policy's ledger already holds;
 * - a ledger row names a version that is published, and not after the row's own instant;
 * - a version becomes PUBLISHED with a `published_at` no earlier than the policy's ledger, and is never inserted as
 *   published or withdrawn.
 * Each check reads one policy's rows (the ledger_segment_no_overlap index leads with policy_id).
 */
export class RecordTimeMovesForward1795766400008 implements MigrationInterface {
  name = 'RecordTimeMovesForward1795766400008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ledger_latest_instant(p_policy_id bigint) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT max(greatest(lower(recorded), coalesce(upper(recorded), lower(recorded))))
          FROM ledger_segment WHERE policy_id = p_policy_id
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION ledger_segment_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        latest timestamptz := ledger_latest_instant(NEW.policy_id);
        instant timestamptz := CASE WHEN TG_OP = 'INSERT' THEN lower(NEW.recorded) ELSE upper(NEW.recorded) END;
        version record;
      BEGIN
        IF latest IS NOT NULL AND instant < latest THEN
          RAISE EXCEPTION 'record time only moves forward: % at % is before the policy''s last record instant %',
            TG_OP, instant, latest USING ERRCODE = 'restrict_violation';
        END IF;
        IF TG_OP = 'INSERT' THEN
          SELECT status, published_at INTO version FROM policy_version WHERE id = NEW.version_id;
          IF version.status IS DISTINCT FROM 'PUBLISHED' OR version.published_at > lower(NEW.recorded) THEN
            RAISE EXCEPTION 'a ledger row names a version published at or before its instant'
              USING ERRCODE = 'restrict_violation';
          END IF;
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER ledger_segment_forward_only BEFORE INSERT OR UPDATE ON ledger_segment
        FOR EACH ROW EXECUTE FUNCTION ledger_segment_forward_only()`);

    await queryRunner.query(`
      CREATE FUNCTION policy_version_publish_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        latest timestamptz;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status IN ('PUBLISHED', 'WITHDRAWN') THEN
            RAISE EXCEPTION 'a version is published by the ledger, never inserted as published'
              USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.status = 'PUBLISHED' AND OLD.status NOT IN ('PUBLISHED', 'WITHDRAWN') THEN
          latest := ledger_latest_instant(NEW.policy_id);
          IF latest IS NOT NULL AND NEW.published_at < latest THEN
            RAISE EXCEPTION 'a version cannot be published at % , before the policy''s last record instant %',
              NEW.published_at, latest USING ERRCODE = 'restrict_violation';
          END IF;
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER policy_version_publish_forward_only BEFORE INSERT OR UPDATE ON policy_version
        FOR EACH ROW EXECUTE FUNCTION policy_version_publish_forward_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER policy_version_publish_forward_only ON policy_version`);
    await queryRunner.query(`DROP FUNCTION policy_version_publish_forward_only()`);
    await queryRunner.query(`DROP TRIGGER ledger_segment_forward_only ON ledger_segment`);
    await queryRunner.query(`DROP FUNCTION ledger_segment_forward_only()`);
    await queryRunner.query(`DROP FUNCTION ledger_latest_instant(bigint)`);
  }
}
