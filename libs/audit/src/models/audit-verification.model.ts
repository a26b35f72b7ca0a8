import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditVerification', { description: 'The outcome of recomputing the whole hash chain.' })
export class AuditVerificationModel {
  @Field({ description: 'True when every event’s hash and link to its predecessor hold.' })
  ok!: boolean;

  @Field(() => Int, { description: 'Events read, up to and including the first broken one.' })
  checked!: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'The first event that fails: a rewritten event itself, or the event right after a removed one. Null when ok.',
  })
  firstBrokenId!: string | null;
}
