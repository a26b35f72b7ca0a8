import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { DateScalar, DateTimeScalar, enumOf } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import { VERSION_STATUSES, VersionStatus } from './version-status';

export const VersionStatusEnum = enumOf(VERSION_STATUSES);
registerEnumType(VersionStatusEnum, { name: 'VersionStatus' });

@ObjectType('PolicyVersion', {
  description:
    'A version of a policy. In answers about what is in force, effectiveFrom/effectiveThrough are those of the ' +
    'segment in force, which may be shorter than the version’s own range when a later version covers part of it.',
})
export class PolicyVersionModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  policyKey!: string;

  @Field(() => Int)
  number!: number;

  @Field(() => VersionStatusEnum)
  status!: VersionStatus;

  @Field(() => DateScalar, { description: 'First day in force (Japan calendar).' })
  effectiveFrom!: CalendarDate;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in force, inclusive; null = open-ended.' })
  effectiveThrough!: CalendarDate | null;

  @Field(() => DateScalar, { description: 'First day of the version’s own range.' })
  versionEffectiveFrom!: CalendarDate;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the version’s own range; null = open-ended.' })
  versionEffectiveThrough!: CalendarDate | null;

  @Field(() => GraphQLJSON)
  content!: Record<string, unknown>;

  @Field({ description: 'Change note, naming its source.' })
  summary!: string;

  @Field({ description: 'True for invented demonstration data, never a real event.' })
  demo!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the public record started to say this.' })
  recordedAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When the record stopped saying this, as known at the answer’s knownAt: null while it was still the record ' +
      'then, so an answer for a past knownAt never changes. policyLedger shows every superseded row.',
  })
  supersededAt!: Date | null;
}
