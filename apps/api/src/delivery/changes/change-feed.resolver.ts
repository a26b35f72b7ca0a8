import { Args, Query, Resolver } from '@nestjs/graphql';
import { queryCost } from '@policy-cms/common';
import { ChangeFeedPageModel } from './change-event.model';
import { ChangeFeedService, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './change-feed.service';
import { ChangeFeedArgs } from './dto/change-feed.args';

/**
 * The page size the cost estimate counts: `first` (or its default) when in range. An out-of-range `first` counts as
 * one, so that it reaches the service and is refused as BAD_USER_INPUT on `first` rather than as a cost.
 */
function itemsOf(args: Record<string, unknown>): number {
  const first = args.first ?? null;
  if (first === null) return DEFAULT_PAGE_SIZE;
  return typeof first === 'number' && Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE ? first : 1;
}

/** The change feed in GraphQL: anonymous and public, as the reads are. Never answered from the response cache. */
@Resolver()
export class ChangeFeedResolver {
  constructor(private readonly feed: ChangeFeedService) {}

  @Query(() => ChangeFeedPageModel, {
    description:
      'The public change feed (PUBLISHED, WITHDRAWN, TOOK_EFFECT) in commit order, a page at a time: pass the page’s ' +
      '`endCursor` as `after` for the next one. Cursors never go stale; an empty page keeps your `after`.',
    complexity: queryCost({ items: itemsOf }),
  })
  changeFeed(@Args() args: ChangeFeedArgs): Promise<ChangeFeedPageModel> {
    return this.feed.page(args);
  }
}
