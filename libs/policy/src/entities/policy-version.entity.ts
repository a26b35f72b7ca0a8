import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const VERSION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

@Entity({ name: 'policy_version' })
export class PolicyVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint' })
  policyId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  status!: VersionStatus;

  /** PostgreSQL daterange literal, `[from,through+1)`; converted with the temporal lib's range helpers. */
  @Column({ type: 'daterange' })
  effective!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ type: 'bigint', nullable: true })
  publicationSeq!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
