import { Field, ID, InputType } from '@nestjs/graphql';
import { DateTimeScalar } from '@policy-cms/common';

@InputType('AuditCheckpointInput', { description: 'A checkpoint as auditCheckpoint returned it, unchanged.' })
export class AuditCheckpointInput {
  @Field(() => ID, { nullable: true })
  lastId!: string | null;

  @Field(() => String, { nullable: true })
  headHash!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field()
  keyId!: string;

  @Field()
  signature!: string;
}
