import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published version is frozen whole: the guard of 1795766400001 listed the columns it protected, and the workflow
 * columns added later (authorship, approval, retroactive reason, revision) slipped past it. The guard now compares
 * the whole row, so a column added later is frozen too, and allows exactly one change: PUBLISHED to WITHDRAWN, which
 * sets withdrawn_at (and updated_at).
 */
export class FreezePublishedVersions1795766400006 implements MigrationInterface {
  name = 'FreezePublishedVersions1795766400006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION policy_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status IN ('PUBLISHED', 'WITHDRAWN') THEN
            RAISE EXCEPTION 'a published policy version cannot be deleted' USING ERRCODE = 'restrict_violation';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status NOT IN ('PUBLISHED', 'WITHDRAWN') THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'PUBLISHED' AND NEW.status = 'WITHDRAWN' AND OLD.withdrawn_at IS NULL
           AND (to_jsonb(NEW) - 'status' - 'withdrawn_at' - 'updated_at') = (to_jsonb(OLD) - 'status' - 'withdrawn_at' - 'updated_at') THEN
          RETURN NEW; -- the withdrawal, the one change a published version allows
        END IF;
        IF to_jsonb(NEW) = to_jsonb(OLD) THEN
          RETURN NEW; -- a no-op write changes nothing
        END IF;
        RAISE EXCEPTION 'a published policy version can only be withdrawn' USING ERRCODE = 'restrict_violation';
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION policy_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
