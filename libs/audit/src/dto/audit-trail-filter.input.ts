import { Field, ID, InputType } from '@nestjs/graphql';
import { DateTimeScalar } from '@policy-cms/common';
import type { AuditActorKind } from '@policy-cms/contract';
import { AuditActorKindEnum } from '../models/audit-event.model';

@InputType('AuditTrailFilter', { description: 'Every given field must match.' })
export class AuditTrailFilterInput {
  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => AuditActorKindEnum, { nullable: true, description: 'Events by a person, by the system itself, or by callers who were not signed in.' })
  actorKind?: AuditActorKind | null;

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
