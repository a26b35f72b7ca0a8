import {
  FACILITY_TYPES,
  RESERVATION_CHANNELS,
  type FacilityMatrixContent,
  type FacilityType,
  type Procedure,
  type ReservationChannel,
  type ReservationRulesContent,
} from '../kinds';

/** The integration answer without its basis (the caller adds the versions it read). */
export interface IntegrationAnswerValue {
  available: boolean;
  facilityTypes: FacilityType[];
  reservationRequired: boolean;
  reservationChannels: ReservationChannel[];
}

/** Whether, and how, to reserve at one facility type where the integration is available. */
export interface FacilityReservation {
  facilityType: FacilityType;
  reservationRequired: boolean;
  channels: ReservationChannel[];
}

function inEnumOrder<T extends string>(order: readonly T[], values: Iterable<T>): T[] {
  const wanted = new Set(values);
  return order.filter((v) => wanted.has(v));
}

function ageWaivesReservation(reservation: ReservationRulesContent, age: number | null): boolean {
  // An unknown age is answered as for someone under the threshold, so callers never skip a reservation they need.
  return reservation.ageWaiver !== null && age !== null && age >= reservation.ageWaiver.fromAge;
}

/**
 * The reservation rule at each facility type where the integration can be done together with `procedure`, in enum order.
 * Empty when no matrix is in force or the procedure has no facility. A procedure without a reservation rule, or a date with
 * no reservation rules in force, needs no reservation: the public page only ever lists what does.
 */
export function integrationReservationsByFacility(
  facilities: FacilityMatrixContent | null,
  reservation: ReservationRulesContent | null,
  procedure: Procedure,
  age: number | null,
): FacilityReservation[] {
  const row = facilities?.rows.find((r) => r.procedure === procedure);
  if (!row) return [];
  const rule = reservation?.rules.find((r) => r.procedure === procedure);
  const waived = reservation !== null && ageWaivesReservation(reservation, age);
  return inEnumOrder(FACILITY_TYPES, row.facilityTypes).map((facilityType) => {
    const atFacility = rule?.facilityRules.find((f) => f.facilityType === facilityType) ?? rule;
    if (!atFacility || waived || !atFacility.reservationRequired) {
      return { facilityType, reservationRequired: false, channels: [] };
    }
    return { facilityType, reservationRequired: true, channels: inEnumOrder(RESERVATION_CHANNELS, atFacility.channels) };
  });
}

/**
 * Can the integration be done together with `procedure`, where, and how to reserve, from the versions in force that day.
 *
 * `reservationRequired` is true when a reservation is needed at ANY facility offering the procedure, and
 * `reservationChannels` is the union of the channels needed there. So CARD_RE_RECORDING answers true with GYOSEI_ONLINE,
 * because the designated stations need it, although the test and renewal centres do not: a caller told "reserve" never
 * arrives unannounced where a reservation is needed. `integrationReservationsByFacility` gives the per-facility detail.
 */
export function integrationAnswer(
  facilities: FacilityMatrixContent | null,
  reservation: ReservationRulesContent | null,
  procedure: Procedure,
  age: number | null,
): IntegrationAnswerValue {
  const perFacility = integrationReservationsByFacility(facilities, reservation, procedure, age);
  const needing = perFacility.filter((f) => f.reservationRequired);
  return {
    available: perFacility.length > 0,
    facilityTypes: perFacility.map((f) => f.facilityType),
    reservationRequired: needing.length > 0,
    reservationChannels: inEnumOrder(
      RESERVATION_CHANNELS,
      needing.flatMap((f) => f.channels),
    ),
  };
}
