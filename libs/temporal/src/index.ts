export {
  type CalendarDate,
  InvalidCalendarDateError,
  addDays,
  compareDates,
  dateOfEpochDay,
  daysBetween,
  epochDayOf,
  isCalendarDate,
  maxDate,
  minDate,
  parseCalendarDate,
} from './calendar-date';
export { type Clock, fixedClock, systemClock, todayInTokyo } from './clock';
export {
  type EffectiveRange,
  InvalidEffectiveRangeError,
  assertValidRange,
  fromDateRangeLiteral,
  rangeCovers,
  rangesOverlap,
  toDateRangeLiteral,
} from './effective-range';
export { type Publication, type Segment, type TimelineDiff, diffTimelines, paintTimeline, segmentOn } from './timeline';
export { formatWareki } from './wareki';
export { type TypedDate, readTypedDate } from './typed-date';
