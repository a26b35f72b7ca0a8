import type { z } from 'zod';

/** A kind of policy content: its name (Policy.kind in the API), labels, and the schema every version's content must pass. */
export interface PolicyKind<T = unknown> {
  /** Stable kebab-case name, stored as Policy.kind. */
  name: string;
  /** Japanese title shown to administrators. */
  title: string;
  /** English, one sentence. */
  description: string;
  /** Strict schema: unknown keys are rejected so that a typo never silently drops a fact. */
  schema: z.ZodType<T>;
}
