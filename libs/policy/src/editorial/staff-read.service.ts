import { Inject, Injectable } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@policy-cms/audit';
import { CLOCK, DateTimeScalar, DomainError, isUuid, outsideRequest } from '@policy-cms/common';
import { CalendarDate, Clock, Publication, fromDateRangeLiteral, paintTimeline, segmentOn, todayInTokyo } from '@policy-cms/temporal';
import { diffValues } from '@policy-cms/workflow';
import { VERSION_COLUMNS, VersionRecord, toVersionRecord } from './editorial.service';
import { PolicyVersionDetailModel, PolicyVersionFilterInput, PolicyVersionSortField, SortDirection } from './editorial.models';
import { VersionStanding, versionStanding } from '../models/version-public-state';
import { EffectiveSpanModel, VersionPublicStateEnum } from '../models/version-standing.model';

const SORT_COLUMNS: Record<PolicyVersionSortField, string> = {
  UPDATED_AT: 'v.updated_at',
  CREATED_AT: 'v.created_at',
  EFFECTIVE_FROM: 'lower(v.effective)',
  POLICY_KEY: 'p.key, v.number',
  STATUS: 'v.status',
};
export const MAX_VERSIONS_PAGE = 200;

export interface PreviewRule {
  policyKey: string;
  pending: boolean;
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
  version: PolicyVersionDetailModel;
}

/** What the public record and the policy say of a version, beside its editorial row (see `facts`). */
export interface VersionFacts extends VersionStanding {
  policyTitle: string;
  /** The first instant the public record said it: the earliest record instant of its ledger rows; null if never published. */
  recordedAt: Date | null;
  inventedContent: boolean;
  recordDateAssumed: boolean;
  /** Who last submitted it for review, by display name now (the username of the moment if no longer a user); null if never submitted. */
  submitterName: string | null;
}

/**
 * What staff read: every version in any status, a version with its history, diffs, and a preview with pending changes.
 *
 * It also answers the fields of PolicyVersionDetail that come from the ledger and the policy rather than the version's
 * own row (public state, record instant, policy title): wherever a version is returned, they are read on demand, the
 * versions of one response in one statement (see `facts`). It is the resolver of those fields itself so that it needs
 * no registration of its own in the module.
 */
@Injectable()
@Resolver(() => PolicyVersionDetailModel)
export class StaffReadService {
  /** Versions asked for in the current tick, read together in one statement when it ends. */
  private pendingFacts: Map<string, { resolve: (facts: VersionFacts) => void; reject: (error: unknown) => void }[]> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    filter: PolicyVersionFilterInput,
    page: { first: number; offset: number },
    sort: { field: PolicyVersionSortField; direction: SortDirection },
  ): Promise<{ items: PolicyVersionDetailModel[]; totalCount: number }> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_VERSIONS_PAGE) {
      throw DomainError.badInput('first', `first must be a whole number from 1 to ${MAX_VERSIONS_PAGE}`);
    }
    if (!Number.isInteger(page.offset) || page.offset < 0) throw DomainError.badInput('offset', 'offset must be 0 or more');
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.policyKey) clauses.push(`p.key = $${params.push(filter.policyKey)}`);
    if (filter.status?.length) clauses.push(`v.status = ANY($${params.push(filter.status)}::text[])`);
    if (filter.authorId != null && !isUuid(filter.authorId)) throw DomainError.badInput('filter.authorId', 'authorId must be a UUID');
    if (filter.authorId) clauses.push(`$${params.push(filter.authorId)}::uuid = ANY (v.author_ids)`);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const from = `FROM policy_version v JOIN policy p ON p.id = v.policy_id ${where}`;
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n ${from}`, params);
    const direction = sort.direction === SortDirection.ASC ? 'ASC' : 'DESC';
    const order = SORT_COLUMNS[sort.field].split(', ').map((column) => `${column} ${direction}`).join(', ');
    const rows = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS} ${from} ORDER BY ${order}, v.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.first, page.offset],
    );
    return { items: rows.map((row: never) => this.detail(toVersionRecord(row))), totalCount: n };
  }

  async one(id: string, withHistory = true): Promise<PolicyVersionDetailModel> {
    const [row] = isUuid(id)
      ? await this.dataSource.query(`SELECT ${VERSION_COLUMNS} FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE v.id = $1`, [id])
      : [];
    if (!row) throw new DomainError('NOT_FOUND', 'policy version was not found', [{ field: 'id', message: 'unknown id' }]);
    const detail = this.detail(toVersionRecord(row));
    if (withHistory) {
      const page = await this.audit.list({ targetType: 'policy_version', targetId: id }, { first: 200 });
      detail.history = [...page.items].reverse();
    }
    return detail;
  }

  async diff(a: string, b: string) {
    const [before, after] = await Promise.all([this.one(a, false).catch(rename('a')), this.one(b, false).catch(rename('b'))]);
    const entries = [
      ...diffValues(before.effectiveFrom, after.effectiveFrom, 'effectiveFrom'),
      ...diffValues(before.effectiveThrough, after.effectiveThrough, 'effectiveThrough'),
      ...diffValues(before.content, after.content, 'content'),
      ...diffValues(before.summary, after.summary, 'summary'),
    ];
    return { a: before, b: after, entries };
  }

  /**
   * The rule book on `on` as it would read if the approved, unpublished versions were published now, in the order
   * they were approved (or as it reads now, without them). Computed with the same painter as the ledger.
   */
  async preview(on: CalendarDate | undefined, includePending: boolean): Promise<PreviewRule[]> {
    const day = on ?? todayInTokyo(this.clock);
    const rows = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS} FROM policy_version v JOIN policy p ON p.id = v.policy_id
        WHERE v.status = 'PUBLISHED' OR ($1 AND v.status = 'APPROVED')
        ORDER BY p.key, v.status = 'APPROVED', v.publication_seq, v.approved_at`,
      [includePending],
    );
    const byPolicy = new Map<string, VersionRecord[]>();
    for (const row of rows) {
      const version = toVersionRecord(row);
      byPolicy.set(version.policyKey, [...(byPolicy.get(version.policyKey) ?? []), version]);
    }
    const rules: PreviewRule[] = [];
    for (const [policyKey, versions] of byPolicy) {
      const publications: Publication[] = versions.map((v) => ({ versionId: v.id, effectiveFrom: v.effectiveFrom, effectiveThrough: v.effectiveThrough }));
      const segment = segmentOn(paintTimeline(publications), day);
      const version = segment && versions.find((v) => v.id === segment.versionId);
      if (segment && version) {
        rules.push({ policyKey, pending: version.status === 'APPROVED', effectiveFrom: segment.effectiveFrom, effectiveThrough: segment.effectiveThrough, version: this.detail(version) });
      }
    }
    return rules;
  }

  @ResolveField(() => String, { description: 'The title of the version’s policy.' })
  async policyTitle(@Parent() version: PolicyVersionDetailModel): Promise<string> {
    return (await this.facts(version.id)).policyTitle;
  }

  @ResolveField(() => VersionPublicStateEnum, {
    nullable: true,
    description: 'Where it stands in the public record now, from its current ledger rows; null if never published.',
  })
  async publicState(@Parent() version: PolicyVersionDetailModel): Promise<VersionStanding['publicState']> {
    return (await this.facts(version.id)).publicState;
  }

  @ResolveField(() => [EffectiveSpanModel], {
    description: 'The days it is in force in the current public record, in effective order (empty if none).',
  })
  async inEffect(@Parent() version: PolicyVersionDetailModel): Promise<EffectiveSpanModel[]> {
    return (await this.facts(version.id)).inEffect;
  }

  @ResolveField(() => Boolean, { description: 'A later version covers some, but not all, of its range.' })
  async coveredInPart(@Parent() version: PolicyVersionDetailModel): Promise<boolean> {
    return (await this.facts(version.id)).coveredInPart;
  }

  @ResolveField(() => DateTimeScalar, {
    nullable: true,
    description: 'When the public record first said it (its first ledger row’s record instant); null if never published.',
  })
  async recordedAt(@Parent() version: PolicyVersionDetailModel): Promise<Date | null> {
    return (await this.facts(version.id)).recordedAt;
  }

  @ResolveField(() => Boolean, { description: 'The rule itself is invented for the demonstration (implies demo).' })
  async inventedContent(@Parent() version: PolicyVersionDetailModel): Promise<boolean> {
    return (await this.facts(version.id)).inventedContent;
  }

  @ResolveField(() => Boolean, { description: 'No source gives when it was first made public: recordedAt is assumed.' })
  async recordDateAssumed(@Parent() version: PolicyVersionDetailModel): Promise<boolean> {
    return (await this.facts(version.id)).recordDateAssumed;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Who last submitted it for review: the display name now, else the username then; null if never submitted.',
  })
  async submitterName(@Parent() version: PolicyVersionDetailModel): Promise<string | null> {
    return (await this.facts(version.id)).submitterName;
  }

  /** The facts of one version; the versions asked for in one tick (a list's rows) are read in one statement. */
  facts(id: string): Promise<VersionFacts> {
    return new Promise((resolve, reject) => {
      if (!this.pendingFacts) {
        const batch = new Map<string, { resolve: (facts: VersionFacts) => void; reject: (error: unknown) => void }[]>();
        this.pendingFacts = batch;
        // Read for every row asked in this tick: outside the request that happened to ask first.
        outsideRequest(() => setImmediate(() => {
          if (this.pendingFacts === batch) this.pendingFacts = null;
          this.readFacts([...batch.keys()]).then(
            (found) => {
              for (const [versionId, waiting] of batch) {
                const facts = found.get(versionId);
                for (const w of waiting) {
                  if (facts) w.resolve(facts);
                  else w.reject(new DomainError('NOT_FOUND', `policy version ${versionId} was not found`));
                }
              }
            },
            (error) => [...batch.values()].flat().forEach((w) => w.reject(error)),
          );
        }));
      }
      this.pendingFacts.set(id, [...(this.pendingFacts.get(id) ?? []), { resolve, reject }]);
    });
  }

  private async readFacts(ids: string[]): Promise<Map<string, VersionFacts>> {
    const rows: {
      id: string;
      status: VersionRecord['status'];
      effective: string;
      policyTitle: string;
      inventedContent: boolean;
      recordDateAssumed: boolean;
      recordedAt: Date | null;
      inEffect: string[];
      submitterName: string | null;
    }[] = await this.dataSource.query(
      `SELECT v.id, v.status, v.effective::text AS effective, p.title AS "policyTitle",
              v.invented_content AS "inventedContent", v.record_date_assumed AS "recordDateAssumed",
              (SELECT min(lower(s.recorded)) FROM ledger_segment s WHERE s.version_id = v.id) AS "recordedAt",
              ARRAY(SELECT s.effective::text FROM ledger_segment s
                     WHERE s.version_id = v.id AND upper_inf(s.recorded) ORDER BY lower(s.effective)) AS "inEffect",
              (SELECT coalesce((SELECT u.display_name FROM user_account u WHERE u.id::text = e.actor_id), e.actor_name)
                 FROM audit_event e
                WHERE e.target_type = 'policy_version' AND e.target_id = v.id::text AND e.action = 'policy_version.submit'
                ORDER BY e.id DESC LIMIT 1) AS "submitterName"
         FROM policy_version v JOIN policy p ON p.id = v.policy_id
        WHERE v.id = ANY($1::uuid[])`,
      [ids],
    );
    const today = todayInTokyo(this.clock);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          ...versionStanding({ status: row.status, range: fromDateRangeLiteral(row.effective), inEffect: row.inEffect.map(fromDateRangeLiteral), today }),
          policyTitle: row.policyTitle,
          recordedAt: row.recordedAt,
          inventedContent: row.inventedContent,
          recordDateAssumed: row.recordDateAssumed,
          submitterName: row.submitterName,
        },
      ]),
    );
  }

  detail(version: VersionRecord): PolicyVersionDetailModel {
    return { ...version, retroactive: version.effectiveFrom < todayInTokyo(this.clock) };
  }
}

function rename(field: string) {
  return (error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') {
      throw new DomainError('NOT_FOUND', `policy version ${field} was not found`, [{ field, message: 'unknown id' }]);
    }
    throw error;
  };
}
