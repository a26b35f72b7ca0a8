import { Args, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AuthenticatedUser, ClientAddress, CurrentUser, DateScalar, Roles, Staff, UuidArg, pageSize, queryCost } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import { EditorialService } from './editorial.service';
import {
  CreatePolicyVersionInput,
  PolicyVersionDetailModel,
  PolicyVersionDiffModel,
  PolicyVersionFilterInput,
  PolicyVersionPageModel,
  PolicyVersionSortField,
  SortDirection,
  UpdatePolicyVersionInput,
  VersionImpactMode,
  VersionImpactModel,
} from './editorial.models';
import { MAX_VERSIONS_PAGE, PreviewRule, StaffReadService } from './staff-read.service';
import { LIST_BOUNDS } from '../list-bounds';

@ObjectType('PreviewRule', { description: 'A rule of the previewed rule book; pending when it comes from an approved, unpublished version.' })
class PreviewRuleModel {
  @Field(() => ID) policyKey!: string;
  @Field() pending!: boolean;
  @Field(() => DateScalar) effectiveFrom!: CalendarDate;
  @Field(() => DateScalar, { nullable: true }) effectiveThrough!: CalendarDate | null;
  @Field(() => PolicyVersionDetailModel) version!: PolicyVersionDetailModel;
}

/** Staff operations of API.md. Each resolver checks nothing itself: the global guard reads @Roles; services own the rules. */
@Resolver(() => PolicyVersionDetailModel)
export class EditorialResolver {
  constructor(
    private readonly editorial: EditorialService,
    private readonly reads: StaffReadService,
  ) {}

  @Roles('EDITOR', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, { description: 'A new DRAFT version of a policy.' })
  async createPolicyVersion(
    @CurrentUser() actor: AuthenticatedUser,
    @Args('input') input: CreatePolicyVersionInput,
    @ClientAddress() address: string | null,
  ) {
    return this.reads.detail(await this.editorial.create(actor, input, address));
  }

  @Roles('EDITOR', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, { description: 'Edits a draft (or a version in review or approved, which goes back to DRAFT).' })
  async updatePolicyVersion(
    @CurrentUser() actor: AuthenticatedUser,
    @Args('input') input: UpdatePolicyVersionInput,
    @ClientAddress() address: string | null,
  ) {
    return this.reads.detail(await this.editorial.update(actor, input, address));
  }

  @Roles('EDITOR', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel)
  async submitPolicyVersion(@CurrentUser() actor: AuthenticatedUser, @UuidArg('id') id: string, @ClientAddress() address: string | null) {
    return this.reads.detail(await this.editorial.submit(actor, id, address));
  }

  @Roles('EDITOR', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, {
    description: 'Takes a submission back to DRAFT before an approver decided on it; only by its submitter or an author.',
  })
  async recallPolicyVersion(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @ClientAddress() address: string | null,
  ) {
    return this.reads.detail(await this.editorial.recall(actor, id, reason ?? null, address));
  }

  @Roles('APPROVER', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, { description: 'Approves exactly this content and range; never by an author.' })
  async approvePolicyVersion(@CurrentUser() actor: AuthenticatedUser, @UuidArg('id') id: string, @ClientAddress() address: string | null) {
    return this.reads.detail(await this.editorial.approve(actor, id, address));
  }

  @Roles('APPROVER', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, { description: 'Sends a version in review (or approved) back to DRAFT, with a reason.' })
  async rejectPolicyVersion(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @Args('reason') reason: string,
    @ClientAddress() address: string | null,
  ) {
    return this.reads.detail(await this.editorial.reject(actor, id, reason, address));
  }

  @Roles('APPROVER', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, { description: 'Publishes an approved version: the public answers change from now on.' })
  async publishPolicyVersion(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Required for a retroactive correction without a recorded reason.' }) reason: string | null,
    @ClientAddress() address: string | null,
  ) {
    return this.reads.detail(await this.editorial.publish(actor, id, reason ?? null, address));
  }

  @Roles('APPROVER', 'ADMIN')
  @Mutation(() => PolicyVersionDetailModel, { description: 'Withdraws a published version; its days go back to the version under it.' })
  async withdrawPolicyVersion(
    @CurrentUser() actor: AuthenticatedUser,
    @UuidArg('id') id: string,
    @Args('reason') reason: string,
    @ClientAddress() address: string | null,
  ) {
    return this.reads.detail(await this.editorial.withdraw(actor, id, reason, address));
  }

  @Staff()
  @Query(() => PolicyVersionPageModel, {
    description: 'Versions in every status, filtered, sorted and paginated.',
    complexity: queryCost({ roundTrips: 2, items: pageSize(MAX_VERSIONS_PAGE) }),
  })
  policyVersions(
    @Args('filter', { type: () => PolicyVersionFilterInput, nullable: true }) filter: PolicyVersionFilterInput | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('offset', { type: () => Int, defaultValue: 0 }) offset: number,
    @Args('sortBy', { type: () => PolicyVersionSortField, defaultValue: PolicyVersionSortField.UPDATED_AT }) sortBy: PolicyVersionSortField,
    @Args('sortDirection', { type: () => SortDirection, defaultValue: SortDirection.DESC }) sortDirection: SortDirection,
  ) {
    return this.reads.list(filter ?? {}, { first, offset }, { field: sortBy, direction: sortDirection });
  }

  @Staff()
  @Query(() => PolicyVersionDetailModel, {
    description: 'One version in any status, with its workflow history.',
    complexity: queryCost({ roundTrips: 2 }),
  })
  policyVersion(@UuidArg('id') id: string) {
    return this.reads.one(id);
  }

  @Staff()
  @Query(() => PolicyVersionDiffModel, {
    description: 'A structured diff of content and range, for a side-by-side view.',
    complexity: queryCost({ roundTrips: 2 }),
  })
  diffPolicyVersions(@UuidArg('a') a: string, @UuidArg('b') b: string) {
    return this.reads.diff(a, b);
  }

  @Staff()
  @Query(() => VersionImpactModel, {
    description:
      'What publishing this version now would change in its policy’s public timeline, day by day, compared with what is in force or scheduled on each day; for a published version, what withdrawing it would bring back.',
    complexity: queryCost({ roundTrips: 2 }),
  })
  async versionImpact(@UuidArg('id') id: string): Promise<VersionImpactModel> {
    const { version, today, impact } = await this.editorial.impact(id);
    return { versionId: version.id, today, ...impact, mode: VersionImpactMode[impact.mode] };
  }

  @Staff()
  @Query(() => [PreviewRuleModel], {
    description: 'The rule book on a date (default today in Tokyo), with approved, unpublished versions applied.',
    complexity: queryCost({ roundTrips: 2, items: LIST_BOUNDS.policies }),
  })
  previewRulesInForce(
    @Args('on', { type: () => DateScalar, nullable: true }) on: CalendarDate | null,
    @Args('includePending', { defaultValue: true }) includePending: boolean,
  ): Promise<PreviewRule[]> {
    return this.reads.preview(on ?? undefined, includePending);
  }
}
