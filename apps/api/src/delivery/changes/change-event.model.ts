import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar, enumOf } from '@policy-cms/common';
import { CHANGE_EVENT_TYPES, type ChangeEventType } from './change-event';

export const ChangeEventTypeEnum = enumOf(CHANGE_EVENT_TYPES);
registerEnumType(ChangeEventTypeEnum, {
  name: 'ChangeEventType',
  valuesMap: {
    PUBLISHED: { description: 'A version went live (retroactive when it corrects days before its publication).' },
    WITHDRAWN: { description: 'A published version was withdrawn.' },
    TOOK_EFFECT: { description: 'A day began (00:00 Asia/Tokyo) and the policy’s rule in force changed with it.' },
  },
});

@ObjectType('ChangeEvent', { description: 'One public event of the change feed, in commit order.' })
export class ChangeEventModel {
  @Field(() => String, { description: 'Opaque position in the feed: pass it as `after` (or Last-Event-ID) to resume after it.' })
  cursor!: string;

  @Field(() => ID, { description: 'Stable id of the event.' })
  id!: string;

  @Field(() => ChangeEventTypeEnum)
  type!: ChangeEventType;

  @Field(() => ID)
  policyKey!: string;

  @Field(() => ID, { nullable: true, description: 'The version concerned; for TOOK_EFFECT the one now in force (null: none).' })
  versionId!: string | null;

  @Field(() => Int, { nullable: true })
  versionNumber!: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'PUBLISHED, WITHDRAWN: the version’s first day; TOOK_EFFECT: the first day of the segment now in force.',
  })
  effectiveFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in force, inclusive; null = open-ended.' })
  effectiveThrough!: string | null;

  @Field(() => DateTimeScalar, { description: 'Record instant of the change, or of the segment now in force.' })
  recordedAt!: string;

  @Field(() => Boolean, { nullable: true, description: 'PUBLISHED only: true when it corrects days already begun.' })
  retroactive!: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: 'TOOK_EFFECT only: the Tokyo day that began.' })
  day!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the event was written.' })
  emittedAt!: string;
}

@ObjectType('ChangeFeedPage')
export class ChangeFeedPageModel {
  @Field(() => [ChangeEventModel])
  events!: ChangeEventModel[];

  @Field(() => String, { nullable: true, description: 'Cursor of the last event of the page (resume after it); null when empty.' })
  endCursor!: string | null;

  @Field(() => Boolean, { description: 'True when more events follow this page now.' })
  hasNextPage!: boolean;
}
