import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, ledgerAuditRecord } from '@policy-cms/audit';
import { DEMO_LOAD_REASON } from '@policy-cms/contract';
import { fromDateRangeLiteral, parseCalendarDate, toDateRangeLiteral } from '@policy-cms/temporal';
import { LedgerService } from '../ledger/ledger.service';
import { validatePolicyContent } from '../kinds';
import { DemoPolicy, DemoPublication, demoPolicies, demoPublications } from './demo-data';

/** Key of the advisory lock that serialises the demo loads of instances starting together ('demo' in ASCII). */
const DEMO_LOAD_LOCK = 0x64656d6f;

export interface DemoLoadResult {
  policiesCreated: number;
  versionsPublished: number;
}

/**
 * Loads the demo rules as published versions with their real record times, through the same ledger service the
 * editorial workflow uses, and records each ledger write in the audit trail (actor: system), as a publish through
 * the workflow does, so that verification accounts for every ledger row. Idempotent: a policy whose demo versions exist is left alone, and each policy loads in
 * one transaction, so a crash never leaves half a history. Safe to run from several instances at once: policies load
 * in the same order under one advisory lock, so the load, whoever does it, returns only once every policy is there.
 */
@Injectable()
export class DemoDataLoader {
  private readonly logger = new Logger(DemoDataLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async load(
    policies: readonly DemoPolicy[] = demoPolicies,
    publications: readonly DemoPublication[] = demoPublications,
  ): Promise<DemoLoadResult> {
    const result: DemoLoadResult = { policiesCreated: 0, versionsPublished: 0 };
    for (const policy of policies) {
      const own = publications.filter((publication) => publication.policyKey === policy.key);
      const loaded = await this.loadPolicy(policy, own);
      result.policiesCreated += loaded ? 1 : 0;
      result.versionsPublished += loaded ? own.length : 0;
    }
    if (result.policiesCreated > 0) {
      this.logger.log(`demo data: ${result.policiesCreated} policies, ${result.versionsPublished} published versions`);
    }
    return result;
  }

  private loadPolicy(policy: DemoPolicy, publications: readonly DemoPublication[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Instances starting together load in turns: the lock is held to commit, and the check after it sees what
      // another instance committed meanwhile (each statement reads afresh), so a policy is loaded once.
      await manager.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [DEMO_LOAD_LOCK]);
      const [existing] = await manager.query(`SELECT id FROM policy WHERE key = $1 FOR UPDATE`, [policy.key]);
      if (existing) return false;
      const [{ id: policyId }] = await manager.query(
        `INSERT INTO policy (key, kind, title, section) VALUES ($1, $2, $3, $4) RETURNING id`,
        [policy.key, policy.kind, policy.title, policy.section],
      );

      // Publications recorded at the same instant are published together: one record time, one ledger write.
      const batches = new Map<string, string[]>();
      for (const [index, publication] of publications.entries()) {
        const checked = validatePolicyContent(policy.kind, publication.content);
        if (!checked.ok) {
          throw new Error(`demo data for ${policy.key} #${index + 1} is invalid: ${JSON.stringify(checked.issues)}`);
        }
        const effective = toDateRangeLiteral({
          effectiveFrom: parseCalendarDate(publication.effectiveFrom),
          effectiveThrough: publication.effectiveThrough === null ? null : parseCalendarDate(publication.effectiveThrough),
        });
        const [{ id }] = await manager.query(
          `INSERT INTO policy_version (policy_id, number, status, effective, content, summary, demo, invented_content,
                                       record_date_assumed, created_at, updated_at)
           VALUES ($1, $2, 'APPROVED', $3::daterange, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
          [
            policyId,
            index + 1,
            effective,
            checked.content,
            publication.summary,
            publication.demo,
            publication.inventedContent,
            publication.recordDateAssumed,
            publication.recordedAt,
          ],
        );
        batches.set(publication.recordedAt, [...(batches.get(publication.recordedAt) ?? []), id]);
      }
      const ordered = [...batches.entries()].sort(([a], [b]) => new Date(a).getTime() - new Date(b).getTime());
      for (const [recordedAt, versionIds] of ordered) {
        const change = await this.ledger.publish(manager, versionIds, { recordedAt: new Date(recordedAt) });
        await this.record(manager, policy, change, versionIds);
      }
      return true;
    });
  }

  /** One event per ledger write: a single version is its target, a batch is recorded against the policy. */
  private async record(
    manager: EntityManager,
    policy: DemoPolicy,
    change: Awaited<ReturnType<LedgerService['publish']>>,
    versionIds: readonly string[],
  ): Promise<void> {
    const rows: { id: string; status: string; content: unknown; effective: string; summary: string }[] = await manager.query(
      `SELECT id, status, content, effective::text AS effective, summary FROM policy_version WHERE id = ANY($1::uuid[])`,
      [versionIds],
    );
    const versions = versionIds.map((id) => {
      const row = rows.find((candidate) => candidate.id === id);
      if (!row) throw new Error(`demo version ${id} vanished inside its own transaction`);
      return { ...row, ...fromDateRangeLiteral(row.effective) };
    });
    const single = versionIds.length === 1;
    await this.audit.append(manager, {
      action: 'policy_version.publish',
      actorName: 'system',
      targetType: single ? 'policy_version' : 'policy',
      targetId: single ? versionIds[0] : change.policyId,
      after: { policyKey: policy.key, demo: true, ledger: { ...ledgerAuditRecord(change, versions), history: true } },
      reason: DEMO_LOAD_REASON,
    });
  }
}
