import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DomainError } from '@policy-cms/common';
import { isDatabaseUnavailable } from '@policy-cms/database';
import { CHANGE_EVENT_COLUMNS, type ChangeEvent, type ChangeEventRow, type ChangeEventType, changeEventOf, seqOfCursor } from './change-event';

/** A page's size when none is asked for, and the most one page may hold (GraphQL `first`, HTTP `limit`). */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface ChangeFeedQuestion {
  /** The cursor to resume after; absent: from the first event. */
  after?: string | null;
  /** Page size, 1 to MAX_PAGE_SIZE; absent: DEFAULT_PAGE_SIZE. */
  first?: number | null;
  /** Only this policy's events. A key no event names (unknown, or quiet so far) gives an empty page, not NOT_FOUND. */
  policyKey?: string | null;
  /** Only events of these types; absent: every type. */
  types?: readonly ChangeEventType[] | null;
}

export interface ChangeFeedPage {
  events: ChangeEvent[];
  /** Cursor of the last event of the page; null when the page is empty (resume with the same `after`). */
  endCursor: string | null;
  /** True when more events (matching the filters) follow this page now. */
  hasNextPage: boolean;
}

const PAGE = `
  SELECT ${CHANGE_EVENT_COLUMNS}
    FROM change_event e
   WHERE e.seq > $1::bigint
     AND ($2::text IS NULL OR e.policy_key = $2)
     AND ($3::text[] IS NULL OR e.type = ANY ($3::text[]))
   ORDER BY e.seq
   LIMIT $4`;

/**
 * The change feed as pages, read from the primary: an event is readable there the moment its transaction commits (a
 * replica could lag behind a NOTIFY), and events become visible in `seq` order (migration 0013), so paging by
 * `seq > after` never skips one that commits later.
 */
@Injectable()
export class ChangeFeedService {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource) {
    // TypeORM's pool itself, as the read service uses it: the primary, and named statements prepared once.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  /** One page of events after `after`, in commit order. Bad input: BAD_USER_INPUT on `after`, `first` or `types`. */
  async page(question: ChangeFeedQuestion = {}): Promise<ChangeFeedPage> {
    const after = afterSeq(question.after);
    const first = pageSize(question.first, 'first');
    const types = question.types ?? null;
    if (types !== null && types.length === 0) throw DomainError.badInput('types', 'types must name at least one event type (or be left out for all)');
    const rows = await this.query<ChangeEventRow>({
      name: 'change-feed-page',
      text: PAGE,
      values: [after, question.policyKey ?? null, types, first + 1],
    });
    if (rows.length === 0 && after !== '0') await this.assertHandedOut(after, 'after');
    const events = rows.slice(0, first).map(changeEventOf);
    return { events, endCursor: events.at(-1)?.cursor ?? null, hasNextPage: rows.length > first };
  }

  /** The sequence number of the latest event now (0 when the feed is empty): where a stream without a cursor starts. */
  async lastSeq(): Promise<bigint> {
    const [row] = await this.query<{ seq: string }>({ name: 'change-feed-last', text: `SELECT coalesce(max(seq), 0)::text AS seq FROM change_event`, values: [] });
    return BigInt(row.seq);
  }

  /**
   * BAD_USER_INPUT on `field` when `seq` is beyond the last event: no event ever had it, so it was not handed out by
   * this feed (another environment's cursor, or a database restored from an older backup). Answering an empty page
   * instead would leave the consumer waiting, silently, for numbers it may already have seen for other events.
   */
  async assertHandedOut(seq: string, field: string): Promise<bigint> {
    const last = await this.lastSeq();
    if (BigInt(seq) > last) {
      throw DomainError.badInput(field, `${field} is beyond the last event of this feed (${last}): it is not a cursor this feed handed out`);
    }
    return last;
  }

  private async query<R extends object>(statement: { name: string; text: string; values: unknown[] }): Promise<R[]> {
    try {
      return (await this.pool.query<R>(statement)).rows;
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw new DomainError('UNAVAILABLE', 'the database is unavailable; try again shortly');
      throw error;
    }
  }
}

/** The sequence number after a cursor ('0' before the first event); BAD_USER_INPUT on `field` for a malformed one. */
export function afterSeq(cursor: string | null | undefined, field = 'after'): string {
  if (cursor === undefined || cursor === null) return '0';
  const seq = seqOfCursor(cursor);
  if (seq === null) throw DomainError.badInput(field, `${field} is not a cursor of this feed (give the cursor of an event, or leave it out)`);
  return seq;
}

/** A page size within [1, MAX_PAGE_SIZE] (DEFAULT_PAGE_SIZE when absent); BAD_USER_INPUT on `field` otherwise. */
export function pageSize(value: number | null | undefined, field: string): number {
  if (value === undefined || value === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw DomainError.badInput(field, `${field} must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return value;
}
