import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, enumOf } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import { VERSION_PUBLIC_STATES } from './version-public-state';

export const VersionPublicStateEnum = enumOf(VERSION_PUBLIC_STATES);
registerEnumType(VersionPublicStateEnum, {
  name: 'VersionPublicState',
  description: 'Where a published version stands in the public record now (from its current ledger rows).',
  valuesMap: {
    IN_FORCE: { description: 'In force today (公開中).' },
    SCHEDULED: { description: 'Every day still its own lies ahead (予定).' },
    PARTLY_IN_EFFECT: {
      description: 'A later version covers part of its range; today is not one of its days, and some of its days lie ahead (一部のみ有効).',
    },
    ENDED: { description: 'Every day it is in force on is past, whether or not a later version covered part of its range (適用終了).' },
    SUPERSEDED: { description: 'Later versions cover every day of it: not in force on any day (後の版で置換).' },
    WITHDRAWN: { description: 'Withdrawn (取下げ).' },
  },
});

@ObjectType('EffectiveSpan', { description: 'Days in force: first and last day, inclusive (last null = open-ended).' })
export class EffectiveSpanModel {
  @Field(() => DateScalar)
  effectiveFrom!: CalendarDate;

  @Field(() => DateScalar, { nullable: true })
  effectiveThrough!: CalendarDate | null;
}
