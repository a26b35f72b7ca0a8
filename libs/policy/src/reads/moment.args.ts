import { ArgsType, Field } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';

/** `knownAt`, shared by every public read: which state of the record is read. */
@ArgsType()
export class KnownAtArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Read the record as it stood at this instant; default: now. Later than now is refused.',
  })
  knownAt?: Date | null;
}

/** `on` and `knownAt`, shared by every read of what is in force: which day, as the record stood when. */
@ArgsType()
export class MomentArgs extends KnownAtArgs {
  @Field(() => DateScalar, { nullable: true, description: 'The day asked about; default: today in Tokyo.' })
  on?: CalendarDate | null;
}
