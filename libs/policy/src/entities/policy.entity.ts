import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'policy' })
export class PolicyEntity {
  // bigint arrives from pg as a string; keep it a string rather than risk precision.
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  section!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
