import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the bitemporal ledger. Append-only: the database refuses any change but closing `recorded`. */
@Entity({ name: 'ledger_segment' })
export class LedgerSegmentEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint' })
  policyId!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'daterange' })
  effective!: string;

  @Column({ type: 'tstzrange' })
  recorded!: string;
}
