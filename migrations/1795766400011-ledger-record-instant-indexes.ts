import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The snapshots over plain HTTP say which ledger record instant they reflect (`watermark`): for a past `knownAt`, the
 * latest opening or closing of a ledger row at or before it. Without these indexes that is a scan of the whole ledger
 * per question; with them, one probe of each index from its top.
 */
export class LedgerRecordInstantIndexes1795766400011 implements MigrationInterface {
  name = 'LedgerRecordInstantIndexes1795766400011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ledger_segment_recorded_from ON ledger_segment (lower(recorded))`);
    await queryRunner.query(`CREATE INDEX ledger_segment_recorded_until ON ledger_segment (upper(recorded))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ledger_segment_recorded_until`);
    await queryRunner.query(`DROP INDEX ledger_segment_recorded_from`);
  }
}
