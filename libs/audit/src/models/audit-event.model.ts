import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { DateTimeScalar, enumOf } from '@policy-cms/common';
import { AUDIT_ACTOR_KINDS, AuditActorKind } from '@policy-cms/contract';

export const AuditActorKindEnum = enumOf(AUDIT_ACTOR_KINDS);
registerEnumType(AuditActorKindEnum, {
  name: 'AuditActorKind',
  description: 'Who acted, as the trail knows it.',
  valuesMap: {
    PERSON: { description: 'A signed-in member of staff, named by actorId.' },
    SYSTEM: { description: 'The system itself: the demo load, the first administrator at bootstrap, a webhook target stopped after failing.' },
    ANONYMOUS: { description: 'A caller who was not signed in: a failed login, recorded under the name that was typed (which proves nothing).' },
  },
});

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

  @Field(() => AuditActorKindEnum, { description: 'Who acted: a person, the system itself, or a caller who was not signed in. Derived from actorId and action.' })
  actorKind!: AuditActorKind;

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
