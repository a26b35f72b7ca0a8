import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, queryCost } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import { PolicyModel } from './models/policy.model';
import { PolicyVersionModel } from './models/policy-version.model';
import { LedgerEntryModel } from './models/ledger-entry.model';
import { PolicyReadService } from './reads/policy-read.service';
import { PolicyKindModel } from './models/policy-kind.model';
import { policyKindJsonSchema, policyKinds } from './kinds';
import { LIST_BOUNDS } from './list-bounds';
import { KnownAtArgs, MomentArgs } from './reads/moment.args';


@Resolver(() => PolicyVersionModel)
export class PolicyResolver {
  constructor(private readonly reads: PolicyReadService) {}

  @Query(() => [PolicyModel], { complexity: queryCost({ items: LIST_BOUNDS.policies }) })
  policies(): Promise<PolicyModel[]> {
    return this.reads.policies();
  }

  @Query(() => [PolicyKindModel], {
    description: 'Every kind of policy content, with the JSON Schema of its content.',
    complexity: queryCost({ roundTrips: 0, items: policyKinds.length }),
  })
  policyKinds(): PolicyKindModel[] {
    return policyKinds.map((kind) => ({
      name: kind.name,
      title: kind.title,
      description: kind.description,
      jsonSchema: policyKindJsonSchema(kind),
    }));
  }

  @Query(() => PolicyVersionModel, {
    nullable: true,
    complexity: queryCost(),
    description:
      'The version of one policy in force on `on`, as the record stood at `knownAt`; null when nothing of that ' +
      'policy is in force then. effectiveFrom/effectiveThrough are those of the segment in force.',
  })
  policyInForce(@Args('key', { type: () => ID }) key: string, @Args() moment: MomentArgs): Promise<PolicyVersionModel | null> {
    return this.reads.inForce(key, moment);
  }

  @Query(() => [PolicyVersionModel], {
    description: 'Every policy’s version in force on `on`, as known at `knownAt`.',
    complexity: queryCost({ items: LIST_BOUNDS.policies }),
  })
  rulesInForce(@Args() moment: MomentArgs): Promise<PolicyVersionModel[]> {
    return this.reads.rulesInForce(moment);
  }

  @Query(() => [PolicyVersionModel], {
    description: 'The segments of one policy’s timeline, in effective order, as known at `knownAt`.',
    complexity: queryCost({ roundTrips: 2, items: LIST_BOUNDS.timelineSegments }),
  })
  policyTimeline(@Args('key', { type: () => ID }) key: string, @Args() { knownAt }: KnownAtArgs): Promise<PolicyVersionModel[]> {
    return this.reads.timeline(key, knownAt);
  }

  @Query(() => [PolicyVersionModel], {
    description: 'Segments that take effect on a day in [from, through], as known at `knownAt`, in effective order.',
    complexity: queryCost({ items: LIST_BOUNDS.changes }),
  })
  changesBetween(
    @Args('from', { type: () => DateScalar }) from: CalendarDate,
    @Args('through', { type: () => DateScalar }) through: CalendarDate,
    @Args() { knownAt }: KnownAtArgs,
  ): Promise<PolicyVersionModel[]> {
    return this.reads.changesBetween(from, through, knownAt);
  }

  @Query(() => [LedgerEntryModel], {
    description: 'Every ledger row of one policy with its record time, oldest first: its whole public history.',
    complexity: queryCost({ roundTrips: 2, items: LIST_BOUNDS.ledgerRows }),
  })
  policyLedger(@Args('key', { type: () => ID }) key: string): Promise<LedgerEntryModel[]> {
    return this.reads.ledger(key);
  }
}
