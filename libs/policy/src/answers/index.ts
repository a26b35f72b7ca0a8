export { type CarryOverAnswerValue, carryOverAnswer } from './carry-over-answer';
export { type FeeAnswerValue, feeAnswer } from './fee-answer';
export {
  type FacilityReservation,
  type IntegrationAnswerValue,
  integrationAnswer,
  integrationReservationsByFacility,
} from './integration-answer';
