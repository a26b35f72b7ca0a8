import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar, DomainError, queryCost } from '@policy-cms/common';
import type { CalendarDate } from '@policy-cms/temporal';
import { carryOverAnswer, feeAnswer, integrationAnswer } from './answers';
import type {
  CardRenewalCarryOverContent,
  FacilityMatrixContent,
  FeeTableContent,
  HoldingStatus,
  Procedure,
  ReservationRulesContent,
} from './kinds';
import {
  CarryOverAnswerModel,
  FeeAnswerModel,
  HoldingStatusEnum,
  IntegrationAnswerModel,
  ProcedureEnum,
} from './models/answers.model';
import { PolicyVersionModel } from './models/policy-version.model';
import { PolicyReadService } from './reads/policy-read.service';

/** The policies each typed answer is derived from. */
export const ANSWER_POLICIES = {
  facilities: 'myna.facilities',
  reservation: 'myna.reservation',
  carryOver: 'myna.card-renewal',
  renewalFee: 'fees.renewal',
} as const;

const ON = { type: () => DateScalar, nullable: true, description: 'Default: today in Tokyo.' };
const KNOWN_AT = { type: () => DateTimeScalar, nullable: true, description: 'Default: now.' };

@Resolver()
export class AnswersResolver {
  constructor(private readonly reads: PolicyReadService) {}

  @Query(() => IntegrationAnswerModel, {
    complexity: queryCost(),
    description: 'Can the My Number Card be integrated with the licence together with this procedure, where, and how to reserve.',
  })
  async integration(
    @Args('procedure', { type: () => ProcedureEnum }) procedure: Procedure,
    @Args('age', { type: () => Int, nullable: true, description: 'Age on the day of the procedure; 70 or over waives reservation.' })
    age: number | null,
    @Args('on', ON) on?: CalendarDate,
    @Args('knownAt', KNOWN_AT) knownAt?: Date,
  ): Promise<IntegrationAnswerModel> {
    if (age !== null && age !== undefined && (age < 0 || age > 150)) {
      throw DomainError.badInput('age', `age must be between 0 and 150, got ${age}`);
    }
    const versions = await this.reads.inForceByKey(
      [ANSWER_POLICIES.facilities, ANSWER_POLICIES.reservation],
      await this.reads.moment(on, knownAt),
    );
    const facilities = versions.get(ANSWER_POLICIES.facilities);
    const reservation = versions.get(ANSWER_POLICIES.reservation);
    const answer = integrationAnswer(
      (facilities?.content ?? null) as FacilityMatrixContent | null,
      (reservation?.content ?? null) as ReservationRulesContent | null,
      procedure,
      age ?? null,
    );
    // Before integration starts no facility matrix is in force: the answer has nothing to rest on.
    const basis = facilities ? [facilities, ...(reservation ? [reservation] : [])] : [];
    return { ...answer, basis };
  }

  @Query(() => CarryOverAnswerModel, {
    complexity: queryCost(),
    description: 'Whether the licence data survives a renewal of the My Number Card on that date.',
  })
  async cardRenewalCarryOver(
    @Args('on', ON) on?: CalendarDate,
    @Args('knownAt', KNOWN_AT) knownAt?: Date,
  ): Promise<CarryOverAnswerModel> {
    const version = await this.inForce(ANSWER_POLICIES.carryOver, on, knownAt);
    return { ...carryOverAnswer((version?.content ?? null) as CardRenewalCarryOverContent | null), basis: version ? [version] : [] };
  }

  @Query(() => FeeAnswerModel, { description: 'The licence renewal fee for a holding status on that date.', complexity: queryCost() })
  async renewalFee(
    @Args('holding', { type: () => HoldingStatusEnum }) holding: HoldingStatus,
    @Args('on', ON) on?: CalendarDate,
    @Args('knownAt', KNOWN_AT) knownAt?: Date,
  ): Promise<FeeAnswerModel> {
    const version = await this.inForce(ANSWER_POLICIES.renewalFee, on, knownAt);
    const { yen } = feeAnswer((version?.content ?? null) as FeeTableContent | null, holding);
    return { yen, basis: version && yen !== null ? [version] : [] };
  }

  private async inForce(key: string, on?: CalendarDate, knownAt?: Date): Promise<PolicyVersionModel | undefined> {
    const versions = await this.reads.inForceByKey([key], await this.reads.moment(on, knownAt));
    return versions.get(key);
  }
}
