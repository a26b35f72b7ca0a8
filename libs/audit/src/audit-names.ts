import { AuditActorKind, auditActorKindOf, isUuid } from '@policy-cms/contract';
import type { AuditEvent } from './audit-event';

/** What a person reading the trail calls an event's actor and target, beside the ids the chain hashes. */
export interface AuditEventNames {
  /** A person, the system itself, or a caller who was not signed in (a name typed at a failed login is not a person). */
  actorKind: AuditActorKind;
  /** The actor's display name now (the trail keeps the username of the moment in actorName). */
  actorDisplayName: string | null;
  /** For a policy version or a policy: its policy's key and title. */
  targetPolicyKey: string | null;
  targetPolicyTitle: string | null;
  /** For a policy version: its number within the policy (第N版). */
  targetVersionNumber: number | null;
  /** For a user: the display name. */
  targetUserName: string | null;
}

export type NamedAuditEvent = AuditEvent & AuditEventNames;

type Query = (sql: string, params: unknown[]) => Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Looks up the names of the events' actors and targets in three statements, whatever the number of events. Names are
 * read as they are now, not hashed and not part of the event: a renamed person shows under the new name.
 */
export async function nameAuditEvents(query: Query, events: readonly AuditEvent[]): Promise<NamedAuditEvent[]> {
  const ids = (pick: (event: AuditEvent) => string | null, valid: (id: string) => boolean) => [
    ...new Set(events.map(pick).filter((id): id is string => id !== null && valid(id))),
  ];
  const userIds = [...new Set([...ids((e) => e.actorId, isUuid), ...ids((e) => (e.targetType === 'user' ? e.targetId : null), isUuid)])];
  const versionIds = ids((e) => (e.targetType === 'policy_version' ? e.targetId : null), isUuid);
  const policyIds = ids((e) => (e.targetType === 'policy' ? e.targetId : null), (id) => /^[1-9][0-9]{0,17}$/.test(id));

  const [users, versions, policies] = await Promise.all([
    userIds.length ? query(`SELECT id::text AS id, display_name AS name FROM user_account WHERE id = ANY($1::uuid[])`, [userIds]) : [],
    versionIds.length
      ? query(
          `SELECT v.id::text AS id, v.number, p.key, p.title FROM policy_version v JOIN policy p ON p.id = v.policy_id
            WHERE v.id = ANY($1::uuid[])`,
          [versionIds],
        )
      : [],
    policyIds.length ? query(`SELECT id::text AS id, key, title FROM policy WHERE id = ANY($1::bigint[])`, [policyIds]) : [],
  ]);
  const userName = new Map<string, string>(users.map((row) => [row.id, row.name]));
  const version = new Map<string, { number: number; key: string; title: string }>(versions.map((row) => [row.id, row]));
  const policy = new Map<string, { key: string; title: string }>(policies.map((row) => [row.id, row]));

  return events.map((event) => {
    const target: { key: string; title: string; number?: number } | undefined =
      event.targetId === null
        ? undefined
        : event.targetType === 'policy_version'
          ? version.get(event.targetId)
          : event.targetType === 'policy'
            ? policy.get(event.targetId)
            : undefined;
    return {
      ...event,
      actorKind: auditActorKindOf(event),
      actorDisplayName: (event.actorId && userName.get(event.actorId)) || null,
      targetPolicyKey: target?.key ?? null,
      targetPolicyTitle: target?.title ?? null,
      targetVersionNumber: target?.number ?? null,
      targetUserName: event.targetType === 'user' && event.targetId ? (userName.get(event.targetId) ?? null) : null,
    };
  });
}
