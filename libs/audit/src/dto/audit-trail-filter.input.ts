import { Field, ID, InputType } from '@nestjs/graphql';
import { DateTimeScalar } from '@policy-cms/common';

@InputType('AuditTrailFilter', { description: 'Every given field must match.' })
export class AuditTrailFilterInput {
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true })
  action?: string | null;

  @Field(() => String, { nullable: true })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events about this policy: its versions, and the policy itself.' })
  policyKey?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Events at or after this instant.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Events before this instant (exclusive).' })
  to?: Date | null;
}
