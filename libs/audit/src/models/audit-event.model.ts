import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { DateTimeScalar } from '@policy-cms/common';

@ObjectType('AuditEvent', { description: 'One event of the hash-chained audit trail.' })
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Null: an anonymous caller or the system itself.' })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  actorName!: string | null;

  @Field({ description: 'Dotted, lower case: policy_version.approve, auth.login_failed, user.roles_change, ...' })
  action!: string;

  @Field(() => String, { nullable: true })
  targetType!: string | null;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  after!: unknown;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => String, { nullable: true, description: 'Hash of the previous event; null for the first event only.' })
  prevHash!: string | null;

  @Field({ description: 'sha256 (hex) of prevHash and the canonical JSON of this event.' })
  hash!: string;

  // Names, looked up as they are now; not part of the hashed event.
  @Field(() => String, { nullable: true, description: 'The actor’s display name now (actorName is the username then).' })
  actorDisplayName!: string | null;

  @Field(() => ID, { nullable: true, description: 'For a policy version or policy target: the policy’s key.' })
  targetPolicyKey!: string | null;

  @Field(() => String, { nullable: true, description: 'For a policy version or policy target: the policy’s title.' })
  targetPolicyTitle!: string | null;

  @Field(() => Int, { nullable: true, description: 'For a policy version target: its number within the policy.' })
  targetVersionNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'For a user target: the display name now.' })
  targetUserName!: string | null;
}

@ObjectType('AuditActor', { description: 'Someone who appears as the actor of events in the trail.' })
export class AuditActorModel {
  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: 'The username recorded with the events.' })
  actorName!: string | null;

  @Field(() => String, { nullable: true, description: 'The display name now; null for someone not (or no longer) a user.' })
  displayName!: string | null;

  @Field(() => Int)
  eventCount!: number;
}
