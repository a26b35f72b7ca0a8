import { addDays, compareDates, type CalendarDate } from '@policy-cms/temporal';
import { graphql } from '../dataProvider/graphql-client';

/** One change on the calendar: on `on`, this version of this policy takes effect (or takes effect again). */
export interface UpcomingChange {
  on: CalendarDate;
  policyKey: string;
  policyTitle: string;
  versionId: string;
  number: number;
  summary: string;
  /** The version's own range started earlier: it comes back into force after another one ends. */
  resumes: boolean;
}

/** The days of the calendar with what takes effect on each, in date order; within a day, in policy title order. */
export interface ChangeDay {
  on: CalendarDate;
  changes: UpcomingChange[];
}

/** How far ahead the calendar looks by default: a year, the horizon in which the section plans its rollouts. */
export const DEFAULT_DAYS_AHEAD = 365;

/**
 * Every change that takes effect between `from` and `through` (both included) across all policies, as the record stands
 * now: the API's changesBetween (published versions only), with the policies' titles so that no key is shown.
 */
export async function fetchChangeDays(from: CalendarDate, through: CalendarDate): Promise<ChangeDay[]> {
  const { changesBetween, policies } = await graphql<{
    changesBetween: { id: string; policyKey: string; number: number; effectiveFrom: CalendarDate; versionEffectiveFrom: CalendarDate; summary: string }[];
    policies: { key: string; title: string }[];
  }>(
    `query($from: Date!, $through: Date!) {
      changesBetween(from: $from, through: $through) { id policyKey number effectiveFrom versionEffectiveFrom summary }
      policies { key title } }`,
    { from, through },
  );
  const titles = new Map(policies.map((policy) => [policy.key, policy.title]));
  return groupByDay(
    changesBetween.map((segment) => ({
      on: segment.effectiveFrom,
      policyKey: segment.policyKey,
      policyTitle: titles.get(segment.policyKey) ?? segment.policyKey,
      versionId: segment.id,
      number: segment.number,
      summary: segment.summary,
      resumes: compareDates(segment.versionEffectiveFrom, segment.effectiveFrom) < 0,
    })),
  );
}

/** Groups changes by their day, days in date order and each day's changes by policy title (Japanese collation). */
export function groupByDay(changes: UpcomingChange[]): ChangeDay[] {
  const days = new Map<CalendarDate, UpcomingChange[]>();
  for (const change of changes) days.set(change.on, [...(days.get(change.on) ?? []), change]);
  return [...days.entries()]
    .sort(([a], [b]) => compareDates(a, b))
    .map(([on, list]) => ({ on, changes: list.sort((a, b) => a.policyTitle.localeCompare(b.policyTitle, 'ja') || a.number - b.number) }));
}

/** The last day of the default window that starts on `from`. */
export function defaultThrough(from: CalendarDate): CalendarDate {
  return addDays(from, DEFAULT_DAYS_AHEAD);
}
