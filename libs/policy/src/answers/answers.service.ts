import { Injectable } from '@nestjs/common';
import { DomainError } from '@policy-cms/common';
import type {
  CardRenewalCarryOverContent,
  FacilityMatrixContent,
  FeeTableContent,
  HoldingStatus,
  Procedure,
  ReservationRulesContent,
} from '../kinds';
import type { CarryOverAnswerModel, FeeAnswerModel, IntegrationAnswerModel } from '../models/answers.model';
import { MomentQuestion, PolicyReadService } from '../reads/policy-read.service';
import { carryOverAnswer } from './carry-over-answer';
import { feeAnswer } from './fee-answer';
import { integrationAnswer } from './integration-answer';

/** The policies each typed answer is derived from. */
export const ANSWER_POLICIES = {
  facilities: 'myna.facilities',
  reservation: 'myna.reservation',
  carryOver: 'myna.card-renewal',
  renewalFee: 'fees.renewal',
} as const;

const OLDEST_AGE = 150;

/** The typed answers about the integration, each with its basis: the versions in force it was derived from. */
@Injectable()
export class AnswersService {
  constructor(private readonly reads: PolicyReadService) {}

  async integration(procedure: Procedure, age: number | null, question: MomentQuestion): Promise<IntegrationAnswerModel> {
    if (age !== null && (age < 0 || age > OLDEST_AGE)) {
      throw DomainError.badInput('age', `age must be between 0 and ${OLDEST_AGE}, got ${age}`);
    }
    const versions = await this.reads.inForceByKey([ANSWER_POLICIES.facilities, ANSWER_POLICIES.reservation], question);
    const facilities = versions.get(ANSWER_POLICIES.facilities);
    const reservation = versions.get(ANSWER_POLICIES.reservation);
    const answer = integrationAnswer(
      (facilities?.content ?? null) as FacilityMatrixContent | null,
      (reservation?.content ?? null) as ReservationRulesContent | null,
      procedure,
      age,
    );
    // Before integration starts no facility matrix is in force: the answer has nothing to rest on.
    const basis = facilities ? [facilities, ...(reservation ? [reservation] : [])] : [];
    return { ...answer, basis };
  }

  async cardRenewalCarryOver(question: MomentQuestion): Promise<CarryOverAnswerModel> {
    const version = (await this.reads.inForceByKey([ANSWER_POLICIES.carryOver], question)).get(ANSWER_POLICIES.carryOver);
    return { ...carryOverAnswer((version?.content ?? null) as CardRenewalCarryOverContent | null), basis: version ? [version] : [] };
  }

  async renewalFee(holding: HoldingStatus, question: MomentQuestion): Promise<FeeAnswerModel> {
    const version = (await this.reads.inForceByKey([ANSWER_POLICIES.renewalFee], question)).get(ANSWER_POLICIES.renewalFee);
    const { yen } = feeAnswer((version?.content ?? null) as FeeTableContent | null, holding);
    return { yen, basis: version && yen !== null ? [version] : [] };
  }
}
