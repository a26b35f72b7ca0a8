import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import { PolicyVersionModel } from './policy-version.model';

@ObjectType('LedgerEntry', {
  description: 'One row of a policy’s bitemporal ledger: a segment of effective time, and the record time it was the record.',
})
export class LedgerEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  effectiveFrom!: CalendarDate;

  @Field(() => DateScalar, { nullable: true })
  effectiveThrough!: CalendarDate | null;

  @Field(() => DateTimeScalar)
  recordedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'null while this row is still the record.' })
  supersededAt!: Date | null;

  @Field(() => PolicyVersionModel)
  version!: PolicyVersionModel;
}
