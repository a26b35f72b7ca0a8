import type { AuditAction } from '@policy-cms/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, ledgerAuditRecord } from '@policy-cms/audit';
import { AuthenticatedUser, CLOCK, DomainError, MAX_NOTE_LENGTH, asDomainError, isUuid } from '@policy-cms/common';
import {
  CalendarDate,
  Clock,
  EffectiveRange,
  assertValidRange,
  fromDateRangeLiteral,
  todayInTokyo,
  toDateRangeLiteral,
} from '@policy-cms/temporal';
import { WorkflowCommand, WorkflowVersion, contentHash, decide } from '@policy-cms/workflow';
import { LedgerChange, LedgerService } from '../ledger/ledger.service';
import { contentIssuesError, validatePolicyContent } from '../kinds';
import type { VersionStatus } from '../models/version-status';
import { type VersionImpact, versionImpact } from './version-impact';

/** Statuses whose publication (or, for PUBLISHED, withdrawal) is still ahead, so that an impact can be shown. */
const IMPACT_STATUSES: readonly VersionStatus[] = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED'];

export interface VersionRecord {
  id: string;
  policyId: string;
  policyKey: string;
  policyKind: string;
  number: number;
  status: VersionStatus;
  effectiveFrom: CalendarDate;
  effectiveThrough: CalendarDate | null;
  content: Record<string, unknown>;
  summary: string;
  demo: boolean;
  revision: number;
  createdBy: string | null;
  authorIds: string[];
  approvedHash: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  retroactiveReason: string | null;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CreateVersionInput {
  policyKey: string;
  effectiveFrom: CalendarDate;
  effectiveThrough?: CalendarDate | null;
  content: unknown;
  summary: string;
  reason?: string | null;
}

export interface UpdateVersionInput {
  id: string;
  /** The revision the editor started from; a newer one on the server means someone else saved first. */
  revision: number;
  effectiveFrom?: CalendarDate;
  effectiveThrough?: CalendarDate | null;
  content?: unknown;
  summary?: string;
  reason?: string | null;
}

export const VERSION_COLUMNS = `
  v.id, v.policy_id AS "policyId", p.key AS "policyKey", p.kind AS "policyKind", v.number, v.status,
  v.effective::text AS effective, v.content, v.summary, v.demo, v.revision, v.created_by AS "createdBy",
  v.author_ids AS "authorIds", v.approved_hash AS "approvedHash", v.approved_by AS "approvedBy",
  v.approved_at AS "approvedAt", v.retroactive_reason AS "retroactiveReason", v.published_at AS "publishedAt",
  v.withdrawn_at AS "withdrawnAt", v.created_at AS "createdAt", v.updated_at AS "updatedAt"`;

export function toVersionRecord(row: Omit<VersionRecord, 'effectiveFrom' | 'effectiveThrough'> & { effective: string }): VersionRecord {
  const { effective, ...rest } = row;
  return { ...rest, ...fromDateRangeLiteral(effective) };
}

/**
 * The editorial workflow: each step is one transaction that checks the caller, asks the pure state machine,
 * applies its decision, writes the ledger when publishing or withdrawing, and appends one audit event.
 * A refused step throws before anything is written, and the transaction leaves nothing behind.
 */
@Injectable()
export class EditorialService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(actor: AuthenticatedUser, input: CreateVersionInput, clientAddress: string | null): Promise<VersionRecord> {
    checkReasonLength(input.reason, 'input.reason');
    return this.inTransaction(async (manager) => {
      const [policy] = await manager.query(`SELECT id, kind FROM policy WHERE key = $1`, [input.policyKey]);
      if (!policy) throw new DomainError('NOT_FOUND', `no policy has the key ${JSON.stringify(input.policyKey)}`, [{ field: 'input.policyKey', message: 'unknown policy key' }]);
      const range = checkedRange(input.effectiveFrom, input.effectiveThrough ?? null);
      const content = checkedContent(policy.kind, input.content);
      const summary = checkedSummary(input.summary);
      const reason = blankToNull(input.reason);
      this.apply(null, { type: 'CREATE', effectiveFrom: range.effectiveFrom, reason }, actor);
      // Drafts of one policy are numbered one at a time: a transaction-scoped lock of their own, not the policy row,
      // so that concurrent drafts queue for a moment instead of colliding, and a publish never waits on a draft.
      // The numbering statement starts after the lock is granted, so its snapshot sees the previous draft.
      await manager.query(`SELECT pg_advisory_xact_lock($1, $2::int)`, [DRAFT_NUMBERING_LOCK, policy.id]);
      const [{ id }] = await manager.query(
        `INSERT INTO policy_version (policy_id, number, status, effective, content, summary, created_by, author_ids,
                                     retroactive_reason, created_at, updated_at)
         SELECT $1, coalesce(max(number), 0) + 1, 'DRAFT', $2::daterange, $3, $4, $5, ARRAY[$5]::uuid[], $6, $7, $7
           FROM policy_version WHERE policy_id = $1
         RETURNING id`,
        [policy.id, toDateRangeLiteral(range), content, summary, actor.id, this.retroactive(range) ? reason : null, this.clock.now()],
      );
      const created = await this.load(manager, id);
      await this.record(manager, actor, 'policy_version.create', created, null, snapshot(created), reason, clientAddress);
      return created;
    });
  }

  async update(actor: AuthenticatedUser, input: UpdateVersionInput, clientAddress: string | null): Promise<VersionRecord> {
    checkReasonLength(input.reason, 'input.reason');
    return this.inTransaction(async (manager) => {
      const before = await this.lock(manager, input.id);
      if (before.revision !== input.revision) {
        throw DomainError.conflict(`version ${before.id} was saved by someone else (revision ${before.revision}, you edited ${input.revision}); reload it`);
      }
      const range = checkedRange(input.effectiveFrom ?? before.effectiveFrom, input.effectiveThrough === undefined ? before.effectiveThrough : input.effectiveThrough);
      const content = input.content === undefined ? before.content : checkedContent(before.policyKind, input.content);
      const summary = input.summary === undefined ? before.summary : checkedSummary(input.summary);
      const reason = blankToNull(input.reason) ?? before.retroactiveReason;
      const decision = this.apply(before, { type: 'EDIT', effectiveFrom: range.effectiveFrom, reason }, actor);
      // An edit sends a submitted or approved version back to DRAFT and makes its editor an author: one that changes
      // nothing must do neither (nor leave an event).
      const storedReason = this.retroactive(range) ? reason : null;
      if (contentHash({ content, ...range }) === hashOf(before) && summary === before.summary && storedReason === before.retroactiveReason) {
        throw DomainError.badInput('input', 'the update changes nothing: give a new content, effective range, summary or reason');
      }
      // The revision guard is in the WHERE clause itself: a concurrent save in between makes this touch no row.
      const [rows] = await manager.query(
        `UPDATE policy_version
            SET effective = $3::daterange, content = $4, summary = $5, status = $6,
                author_ids = CASE WHEN $7::uuid = ANY (author_ids) THEN author_ids ELSE author_ids || $7::uuid END,
                approved_hash = NULL, approved_by = NULL, approved_at = NULL,
                retroactive_reason = $8, revision = revision + 1, updated_at = $9
          WHERE id = $1 AND revision = $2
      RETURNING id`,
        [before.id, input.revision, toDateRangeLiteral(range), content, summary, decision.status, actor.id, storedReason, this.clock.now()],
      );
      if (rows.length === 0) throw DomainError.conflict(`version ${before.id} was saved by someone else; reload it`);
      const after = await this.load(manager, before.id);
      await this.record(manager, actor, 'policy_version.update', after, snapshot(before), snapshot(after), blankToNull(input.reason), clientAddress);
      return after;
    });
  }

  submit(actor: AuthenticatedUser, id: string, clientAddress: string | null): Promise<VersionRecord> {
    return this.step(actor, id, { type: 'SUBMIT' }, 'policy_version.submit', clientAddress);
  }

  approve(actor: AuthenticatedUser, id: string, clientAddress: string | null): Promise<VersionRecord> {
    return this.step(actor, id, { type: 'APPROVE' }, 'policy_version.approve', clientAddress);
  }

  /** The submitter (or an author) takes a submission back to DRAFT before an approver decided on it. */
  recall(actor: AuthenticatedUser, id: string, reason: string | null, clientAddress: string | null): Promise<VersionRecord> {
    return this.step(actor, id, { type: 'RECALL', reason }, 'policy_version.recall', clientAddress, reason);
  }

  reject(actor: AuthenticatedUser, id: string, reason: string, clientAddress: string | null): Promise<VersionRecord> {
    return this.step(actor, id, { type: 'REJECT', reason }, 'policy_version.reject', clientAddress, reason);
  }

  publish(actor: AuthenticatedUser, id: string, reason: string | null, clientAddress: string | null): Promise<VersionRecord> {
    return this.step(actor, id, { type: 'PUBLISH', reason }, 'policy_version.publish', clientAddress, reason);
  }

  withdraw(actor: AuthenticatedUser, id: string, reason: string, clientAddress: string | null): Promise<VersionRecord> {
    return this.step(actor, id, { type: 'WITHDRAW', reason }, 'policy_version.withdraw', clientAddress, reason);
  }

  async find(id: string): Promise<VersionRecord> {
    return this.load(this.dataSource.manager, id);
  }

  /**
   * What publishing this version now would do to its policy's public timeline (or, for a published version, what
   * withdrawing it would): computed in memory with the ledger's painter over the published versions, written nowhere.
   * Both reads share one snapshot, so the version and the publications agree with each other.
   */
  async impact(id: string): Promise<{ version: VersionRecord; today: CalendarDate; impact: VersionImpact<VersionRecord> }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const version = await this.load(manager, id);
      if (!IMPACT_STATUSES.includes(version.status)) {
        throw DomainError.conflict(`a version in status ${version.status} can be neither published nor withdrawn, so it has no impact to show`);
      }
      const rows = await manager.query(
        `SELECT ${VERSION_COLUMNS} FROM policy_version v JOIN policy p ON p.id = v.policy_id
          WHERE v.policy_id = $1 AND v.status = 'PUBLISHED' ORDER BY v.publication_seq`,
        [version.policyId],
      );
      const today = todayInTokyo(this.clock);
      return { version, today, impact: versionImpact(version, rows.map(toVersionRecord), today) };
    });
  }

  private async step(
    actor: AuthenticatedUser,
    id: string,
    command: WorkflowCommand,
    action: AuditAction,
    clientAddress: string | null,
    reason: string | null = null,
  ): Promise<VersionRecord> {
    checkReasonLength(reason, 'reason');
    return this.inTransaction(async (manager) => {
      const before = await this.lock(manager, id);
      const submittedBy = command.type === 'RECALL' ? await this.lastSubmitter(manager, id) : null;
      const decision = this.apply(before, command, actor, submittedBy);
      const now = this.clock.now();
      let change: LedgerChange | null = null;
      if (command.type === 'PUBLISH') {
        if (decision.retroactive && !before.retroactiveReason) {
          await manager.query(`UPDATE policy_version SET retroactive_reason = $2 WHERE id = $1`, [id, blankToNull(reason)]);
        }
        change = await this.ledger.publish(manager, [id]);
      } else if (command.type === 'WITHDRAW') {
        change = await this.ledger.withdraw(manager, id);
      } else {
        await manager.query(
          `UPDATE policy_version
              SET status = $2,
                  approved_hash = CASE WHEN $3 THEN $5 WHEN $4 THEN NULL ELSE approved_hash END,
                  approved_by = CASE WHEN $3 THEN $6::uuid WHEN $4 THEN NULL ELSE approved_by END,
                  approved_at = CASE WHEN $3 THEN $7::timestamptz WHEN $4 THEN NULL ELSE approved_at END,
                  revision = revision + 1, updated_at = $7
            WHERE id = $1`,
          [id, decision.status, decision.recordsApproval, decision.clearsApproval, hashOf(before), actor.id, now],
        );
      }
      const after = await this.load(manager, id);
      // A ledger write records its change and the version's content hash, so that verification can account for
      // every ledger row and notice a published version edited behind the trail's back.
      const recorded = change ? { ...snapshot(after), ledger: ledgerAuditRecord(change, [after]) } : snapshot(after);
      await this.record(manager, actor, action, after, snapshot(before), recorded, blankToNull(reason), clientAddress);
      return after;
    });
  }

  /** Asks the pure state machine; a refusal becomes the matching domain error before anything is written. */
  private apply(version: VersionRecord | null, command: WorkflowCommand, actor: AuthenticatedUser, submittedBy: string | null = null) {
    const state: WorkflowVersion | null = version && {
      submittedBy,
      status: version.status,
      authorIds: version.authorIds,
      approvedHash: version.approvedHash,
      currentHash: hashOf(version),
      effectiveFrom: version.effectiveFrom,
      retroactiveReason: version.retroactiveReason,
    };
    const decision = decide(state, command, { userId: actor.id, roles: actor.roles }, todayInTokyo(this.clock));
    if (!decision.ok) {
      throw new DomainError(decision.code, decision.message, decision.field ? [{ field: decision.field, message: decision.message }] : []);
    }
    return decision;
  }

  /** Who sent the version to review last: the trail is the only place that remembers it. */
  private async lastSubmitter(manager: EntityManager, id: string): Promise<string | null> {
    const [row] = await manager.query(
      `SELECT actor_id AS "actorId" FROM audit_event
        WHERE target_type = 'policy_version' AND target_id = $1 AND action = 'policy_version.submit'
        ORDER BY id DESC LIMIT 1`,
      [id],
    );
    return row?.actorId ?? null;
  }

  private retroactive(range: EffectiveRange): boolean {
    return range.effectiveFrom < todayInTokyo(this.clock);
  }

  /** Loads the version with its row locked; under READ COMMITTED the row read is the one the lock was granted on. */
  private lock(manager: EntityManager, id: string): Promise<VersionRecord> {
    return this.load(manager, id, 'FOR NO KEY UPDATE OF v');
  }

  private async load(manager: EntityManager, id: string, locking: '' | 'FOR NO KEY UPDATE OF v' = ''): Promise<VersionRecord> {
    if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'policy version was not found', [{ field: 'id', message: 'unknown id' }]);
    const [row] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM policy_version v JOIN policy p ON p.id = v.policy_id WHERE v.id = $1 ${locking}`,
      [id],
    );
    if (!row) throw new DomainError('NOT_FOUND', 'policy version was not found', [{ field: 'id', message: 'unknown id' }]);
    return toVersionRecord(row);
  }

  private record(
    manager: EntityManager,
    actor: AuthenticatedUser,
    action: AuditAction,
    version: VersionRecord,
    before: unknown,
    after: unknown,
    reason: string | null,
    clientAddress: string | null,
  ) {
    return this.audit.append(manager, {
      action,
      actorId: actor.id,
      actorName: actor.username,
      targetType: 'policy_version',
      targetId: version.id,
      before,
      after,
      reason,
      clientAddress,
    });
  }

  private async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      throw asDomainError(error);
    }
  }
}

function hashOf(version: VersionRecord): string {
  return contentHash({ content: version.content, effectiveFrom: version.effectiveFrom, effectiveThrough: version.effectiveThrough });
}

/** What the audit trail keeps of a version at each step. */
function snapshot(version: VersionRecord) {
  return {
    policyKey: version.policyKey,
    number: version.number,
    status: version.status,
    revision: version.revision,
    effectiveFrom: version.effectiveFrom,
    effectiveThrough: version.effectiveThrough,
    content: version.content,
    summary: version.summary,
    approvedHash: version.approvedHash,
  };
}

function checkedRange(effectiveFrom: CalendarDate, effectiveThrough: CalendarDate | null): EffectiveRange {
  const range = { effectiveFrom, effectiveThrough };
  try {
    assertValidRange(range);
  } catch {
    throw DomainError.badInput('input.effectiveThrough', `effectiveThrough (${effectiveThrough}) is before effectiveFrom (${effectiveFrom})`);
  }
  return range;
}

function checkedContent(kind: string, content: unknown): Record<string, unknown> {
  const checked = validatePolicyContent(kind, content);
  if (!checked.ok) {
    throw contentIssuesError(kind, checked.issues);
  }
  return checked.content as Record<string, unknown>;
}

/** Class of the two-key advisory locks that number the drafts of one policy (the second key is the policy id). */
const DRAFT_NUMBERING_LOCK = 0x64726166; // 'draf'

function checkedSummary(summary: string): string {
  if (!summary.trim()) throw DomainError.badInput('input.summary', 'a change note (summary) with its source is required');
  if (summary.trim().length > MAX_NOTE_LENGTH) {
    throw DomainError.badInput('input.summary', `a change note has at most ${MAX_NOTE_LENGTH} characters`);
  }
  return summary.trim();
}

/** Refuses an over-long reason before anything is written; the workflow decides whether one is needed. */
function checkReasonLength(reason: string | null | undefined, field: string): void {
  if (reason && reason.trim().length > MAX_NOTE_LENGTH) {
    throw DomainError.badInput(field, `a reason has at most ${MAX_NOTE_LENGTH} characters`);
  }
}

function blankToNull(text: string | null | undefined): string | null {
  return text && text.trim() ? text.trim() : null;
}
