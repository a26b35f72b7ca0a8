import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { AuditEventModel } from '@policy-cms/audit';
import { DateScalar, DateTimeScalar } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import type { VersionStatus } from '../models/version-status';
import { VersionStatusEnum } from '../models/policy-version.model';

@ObjectType('PolicyVersionDetail', { description: 'A version as staff see it: its own range, workflow bookkeeping and history.' })
export class PolicyVersionDetailModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) policyKey!: string;
  @Field() policyKind!: string;
  @Field(() => Int) number!: number;
  @Field(() => VersionStatusEnum) status!: VersionStatus;
  @Field(() => DateScalar) effectiveFrom!: CalendarDate;
  @Field(() => DateScalar, { nullable: true }) effectiveThrough!: CalendarDate | null;
  @Field(() => GraphQLJSON) content!: Record<string, unknown>;
  @Field() summary!: string;
  @Field() demo!: boolean;
  @Field(() => Int, { description: 'Pass it back to updatePolicyVersion; a newer one on the server means CONFLICT.' }) revision!: number;
  @Field(() => ID, { nullable: true }) createdBy!: string | null;
  @Field(() => [ID]) authorIds!: string[];
  @Field(() => ID, { nullable: true }) approvedBy!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) approvedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the content and range that were approved.' }) approvedHash!: string | null;
  @Field(() => String, { nullable: true }) retroactiveReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) publishedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
  @Field({ description: 'effectiveFrom is before today in Tokyo: publishing it corrects the past.' }) retroactive!: boolean;
  @Field(() => [AuditEventModel], { nullable: true, description: 'The workflow steps, oldest first (policyVersion only).' })
  history?: AuditEventModel[];
}

@ObjectType('PolicyVersionPage')
export class PolicyVersionPageModel {
  @Field(() => [PolicyVersionDetailModel]) items!: PolicyVersionDetailModel[];
  @Field(() => Int) totalCount!: number;
}

export enum PolicyVersionSortField {
  UPDATED_AT = 'UPDATED_AT',
  CREATED_AT = 'CREATED_AT',
  EFFECTIVE_FROM = 'EFFECTIVE_FROM',
  POLICY_KEY = 'POLICY_KEY',
  STATUS = 'STATUS',
}
export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(PolicyVersionSortField, { name: 'PolicyVersionSortField' });
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType('PolicyVersionFilter')
export class PolicyVersionFilterInput {
  @Field(() => ID, { nullable: true }) policyKey?: string | null;
  @Field(() => [VersionStatusEnum], { nullable: true }) status?: VersionStatus[] | null;
  @Field(() => ID, { nullable: true, description: 'Versions this user created or edited.' }) authorId?: string | null;
}

@InputType('CreatePolicyVersionInput')
export class CreatePolicyVersionInput {
  @Field(() => ID) policyKey!: string;
  @Field(() => DateScalar) effectiveFrom!: CalendarDate;
  @Field(() => DateScalar, { nullable: true }) effectiveThrough?: CalendarDate | null;
  @Field(() => GraphQLJSON) content!: unknown;
  @Field({ description: 'Change note, naming its source.' }) summary!: string;
  @Field(() => String, { nullable: true, description: 'Required when effectiveFrom is before today in Tokyo (a retroactive correction).' })
  reason?: string | null;
}

@InputType('UpdatePolicyVersionInput')
export class UpdatePolicyVersionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The revision you edited.' }) revision!: number;
  @Field(() => DateScalar, { nullable: true }) effectiveFrom?: CalendarDate;
  @Field(() => DateScalar, { nullable: true, description: 'Send null to make it open-ended; omit to keep it.' })
  effectiveThrough?: CalendarDate | null;
  @Field(() => GraphQLJSON, { nullable: true }) content?: unknown;
  @Field({ nullable: true }) summary?: string;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@ObjectType('DiffEntry', { description: 'One difference between two versions, at a path such as content.rows[procedure=RENEWAL].facilityTypes.' })
export class DiffEntryModel {
  @Field() path!: string;
  @Field({ description: 'added, removed or changed' }) kind!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before?: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after?: unknown;
}

@ObjectType('PolicyVersionDiff')
export class PolicyVersionDiffModel {
  @Field(() => PolicyVersionDetailModel) a!: PolicyVersionDetailModel;
  @Field(() => PolicyVersionDetailModel) b!: PolicyVersionDetailModel;
  @Field(() => [DiffEntryModel]) entries!: DiffEntryModel[];
}

export enum VersionImpactMode {
  PUBLISH = 'PUBLISH',
  WITHDRAW = 'WITHDRAW',
}
registerEnumType(VersionImpactMode, {
  name: 'VersionImpactMode',
  description: 'PUBLISH: what publishing this (unpublished) version now would do. WITHDRAW: what withdrawing this published version would do.',
});

@ObjectType('ImpactVersion', { description: 'A version named by a version impact: enough to say which one and to compare its content.' })
export class ImpactVersionModel {
  @Field(() => ID) id!: string;
  @Field(() => Int) number!: number;
  @Field(() => VersionStatusEnum) status!: VersionStatus;
  @Field(() => DateScalar, { description: 'The version’s own first day (not the run of days it holds).' }) effectiveFrom!: CalendarDate;
  @Field(() => DateScalar, { nullable: true }) effectiveThrough!: CalendarDate | null;
  @Field() summary!: string;
  @Field() demo!: boolean;
  @Field(() => GraphQLJSON) content!: Record<string, unknown>;
}

@ObjectType('ImpactSegment', { description: 'A run of days of a painted timeline and the version in force on them.' })
export class ImpactSegmentModel {
  @Field(() => ID) versionId!: string;
  @Field(() => Int) number!: number;
  @Field(() => DateScalar) effectiveFrom!: CalendarDate;
  @Field(() => DateScalar, { nullable: true }) effectiveThrough!: CalendarDate | null;
}

@ObjectType('ImpactChange', { description: 'A run of days whose version in force would change, with the content diff on them.' })
export class ImpactChangeModel {
  @Field(() => DateScalar) effectiveFrom!: CalendarDate;
  @Field(() => DateScalar, { nullable: true }) effectiveThrough!: CalendarDate | null;
  @Field(() => ImpactVersionModel, { nullable: true, description: 'In force on these days now; null when nothing is.' })
  before!: ImpactVersionModel | null;
  @Field(() => ImpactVersionModel, { nullable: true, description: 'In force on these days afterwards; null when nothing would be.' })
  after!: ImpactVersionModel | null;
  @Field({ description: 'The version in force now on these days has not taken effect yet (it is scheduled).' }) beforeScheduled!: boolean;
  @Field({ description: 'Before and after have the same content: the public answer on these days would not change.' }) sameContent!: boolean;
  @Field(() => [DiffEntryModel], { description: 'Content differences from before to after; empty when one side is missing.' })
  entries!: DiffEntryModel[];
}

@ObjectType('VersionImpact', {
  description: 'What publishing a draft (or withdrawing a published version) would do to the public timeline, computed now with the ledger’s painter and written nowhere.',
})
export class VersionImpactModel {
  @Field(() => ID) versionId!: string;
  @Field(() => VersionImpactMode) mode!: VersionImpactMode;
  @Field(() => DateScalar, { description: 'Today in Tokyo, the day "scheduled" is judged on.' }) today!: CalendarDate;
  @Field(() => [ImpactSegmentModel], { description: 'The public timeline now.' }) before!: ImpactSegmentModel[];
  @Field(() => [ImpactSegmentModel], { description: 'The public timeline afterwards.' }) after!: ImpactSegmentModel[];
  @Field(() => [ImpactChangeModel]) changes!: ImpactChangeModel[];
  @Field({ description: 'On every day the content in force would stay the same: no public answer changes.' }) changesNothing!: boolean;
  @Field(() => [ImpactVersionModel], { description: 'Scheduled versions whose content this one repeats on the days it would take from them.' })
  repeatsScheduled!: ImpactVersionModel[];
}
