import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import type { ChangeEventType } from '../change-event';
import { ChangeEventTypeEnum } from '../change-event.model';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../change-feed.service';

/** The arguments of `changeFeed`; checked by ChangeFeedService (BAD_USER_INPUT naming the argument). */
@ArgsType()
export class ChangeFeedArgs {
  @Field(() => String, { nullable: true, description: 'Resume after this cursor (an event’s `cursor`, or a page’s `endCursor`); left out: from the first event.' })
  after?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => ID, { nullable: true, description: 'Only this policy’s events (a key without events gives an empty page).' })
  policyKey?: string | null;

  @Field(() => [ChangeEventTypeEnum], { nullable: true, description: 'Only events of these types; left out: every type.' })
  types?: ChangeEventType[] | null;
}
