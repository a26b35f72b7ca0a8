import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { queryCost } from '@policy-cms/common';
import type { HoldingStatus, Procedure } from './kinds';
import {
  CarryOverAnswerModel,
  FeeAnswerModel,
  HoldingStatusEnum,
  IntegrationAnswerModel,
  ProcedureEnum,
} from './models/answers.model';
import { AnswersService } from './answers/answers.service';
import { MomentArgs } from './reads/moment.args';

export { ANSWER_POLICIES } from './answers/answers.service';

@Resolver()
export class AnswersResolver {
  constructor(private readonly answers: AnswersService) {}

  @Query(() => IntegrationAnswerModel, {
    complexity: queryCost(),
    description: 'Can the My Number Card be integrated with the licence together with this procedure, where, and how to reserve.',
  })
  integration(
    @Args('procedure', { type: () => ProcedureEnum }) procedure: Procedure,
    @Args('age', { type: () => Int, nullable: true, description: 'Age on the day of the procedure; 70 or over waives reservation.' })
    age: number | null,
    @Args() moment: MomentArgs,
  ): Promise<IntegrationAnswerModel> {
    return this.answers.integration(procedure, age ?? null, moment);
  }

  @Query(() => CarryOverAnswerModel, {
    complexity: queryCost(),
    description: 'Whether the licence data survives a renewal of the My Number Card on that date.',
  })
  cardRenewalCarryOver(@Args() moment: MomentArgs): Promise<CarryOverAnswerModel> {
    return this.answers.cardRenewalCarryOver(moment);
  }

  @Query(() => FeeAnswerModel, { description: 'The licence renewal fee for a holding status on that date.', complexity: queryCost() })
  renewalFee(@Args('holding', { type: () => HoldingStatusEnum }) holding: HoldingStatus, @Args() moment: MomentArgs): Promise<FeeAnswerModel> {
    return this.answers.renewalFee(holding, moment);
  }
}
