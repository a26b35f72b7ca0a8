import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumOf } from '@policy-cms/common';
import {
  FACILITY_TYPES,
  FacilityType,
  HOLDING_STATUSES,
  PROCEDURES,
  RESERVATION_CHANNELS,
  ReservationChannel,
} from '../kinds';
import { PolicyVersionModel } from './policy-version.model';

export const ProcedureEnum = enumOf(PROCEDURES);
export const FacilityTypeEnum = enumOf(FACILITY_TYPES);
export const HoldingStatusEnum = enumOf(HOLDING_STATUSES);
export const ReservationChannelEnum = enumOf(RESERVATION_CHANNELS);
registerEnumType(ProcedureEnum, { name: 'Procedure', description: 'The procedure done together with the integration.' });
registerEnumType(FacilityTypeEnum, { name: 'FacilityType' });
registerEnumType(HoldingStatusEnum, { name: 'HoldingStatus', description: 'What the person holds: licence, マイナ免許証, or both.' });
registerEnumType(ReservationChannelEnum, { name: 'ReservationChannel' });

@ObjectType('IntegrationAnswer')
export class IntegrationAnswerModel {
  @Field({ description: 'Can the integration be done together with this procedure on that date?' })
  available!: boolean;

  @Field(() => [FacilityTypeEnum], { description: 'Where; empty when not available.' })
  facilityTypes!: FacilityType[];

  @Field({ description: 'True when a reservation is needed at any facility offering it (see reservationChannels).' })
  reservationRequired!: boolean;

  @Field(() => [ReservationChannelEnum])
  reservationChannels!: ReservationChannel[];

  @Field(() => [PolicyVersionModel], { description: 'The versions this answer was derived from.' })
  basis!: PolicyVersionModel[];
}

@ObjectType('CarryOverAnswer')
export class CarryOverAnswerModel {
  @Field({ description: 'Is the licence data carried over when the My Number Card is renewed?' })
  carriedOver!: boolean;

  @Field(() => [String], { description: 'Conditions under which it is carried over (Japanese).' })
  conditions!: string[];

  @Field(() => Int, { nullable: true, description: 'Fee in yen to re-record the licence data on a new card.' })
  reRecordingFeeYen!: number | null;

  @Field(() => [PolicyVersionModel])
  basis!: PolicyVersionModel[];
}

@ObjectType('FeeAnswer')
export class FeeAnswerModel {
  @Field(() => Int, { nullable: true, description: 'null when the fee is not known for that date.' })
  yen!: number | null;

  @Field(() => [PolicyVersionModel])
  basis!: PolicyVersionModel[];
}
