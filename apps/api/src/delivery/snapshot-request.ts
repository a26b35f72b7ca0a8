import { DomainError, parseInstant } from '@policy-cms/common';
import { type CalendarDate, parseCalendarDate } from '@policy-cms/temporal';
import { SNAPSHOT_QUERY_PARAMETERS } from './openapi';

/** The question of a snapshot route: each moment absent when its default (today in Tokyo, now) applies. */
export interface SnapshotQuestion {
  on?: CalendarDate;
  knownAt?: Date;
}

/**
 * Reads `on` and `knownAt` from a raw query string, strictly: an unknown parameter, a repeated one, a malformed day
 * or instant, or a knownAt after `now` is BAD_USER_INPUT naming the parameter, never coerced or ignored (a typo such as
 * `knownat=` would otherwise silently answer as of now, with a cache lifetime to match).
 */
export function snapshotQuestion(rawQuery: string, now: Date): SnapshotQuestion {
  const parameters = new URLSearchParams(rawQuery);
  const question: SnapshotQuestion = {};
  for (const name of new Set(parameters.keys())) {
    if (!SNAPSHOT_QUERY_PARAMETERS.includes(name)) {
      throw DomainError.badInput(name, `unknown query parameter ${JSON.stringify(name)}; the parameters are ${SNAPSHOT_QUERY_PARAMETERS.join(' and ')}`);
    }
    const values = parameters.getAll(name);
    if (values.length > 1) throw DomainError.badInput(name, `${name} is given ${values.length} times; give it once`);
  }
  const on = parameters.get('on');
  if (on !== null) question.on = calendarDate(on);
  const knownAt = parameters.get('knownAt');
  if (knownAt !== null) question.knownAt = instant(knownAt, now);
  return question;
}

function calendarDate(value: string): CalendarDate {
  try {
    return parseCalendarDate(value);
  } catch (error) {
    throw DomainError.badInput('on', (error as Error).message);
  }
}

function instant(value: string, now: Date): Date {
  let parsed: Date;
  try {
    parsed = parseInstant(value);
  } catch (error) {
    throw DomainError.badInput('knownAt', (error as Error).message);
  }
  if (parsed.getTime() > now.getTime()) {
    throw DomainError.badInput('knownAt', `knownAt ${parsed.toISOString()} is in the future; the record ends at now`);
  }
  return parsed;
}

/** The raw query string of a request URL ('' when there is none). */
export function rawQueryOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start + 1);
}
