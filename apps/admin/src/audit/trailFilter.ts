import { AUDIT_ACTOR_KINDS } from '@policy-cms/contract';

/** The kinds of actor the 実行者 filter offers before the people: the system itself, callers who were not signed in. */
export const ACTOR_KIND_CHOICES = ['SYSTEM', 'ANONYMOUS'] as const;

/**
 * The audit list's filter as the trail and its export take it: the 実行者 choice is a person's id, or a kind of actor
 * (システム), which the trail filters by `actorKind`. Other fields pass as they are.
 */
export function trailFilterOf(filter: Record<string, unknown>): Record<string, unknown> {
  const { actorId, ...rest } = filter;
  if (typeof actorId === 'string' && (AUDIT_ACTOR_KINDS as readonly string[]).includes(actorId)) return { ...rest, actorKind: actorId };
  return filter;
}
