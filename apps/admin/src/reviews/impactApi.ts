import type { Identifier } from 'react-admin';
import { graphql } from '../dataProvider/graphql-client';
import type { DiffEntry } from './matrixDiff';

/*
 * The review screens' own calls (versionImpact, recallPolicyVersion), kept here rather than in the shared data
 * provider: nothing else reads them.
 */

export interface ImpactVersion {
  id: string;
  number: number;
  status: string;
  effectiveFrom: string;
  effectiveThrough: string | null;
  summary: string;
  demo: boolean;
  content: Record<string, unknown>;
}

export interface ImpactSegment {
  versionId: string;
  number: number;
  effectiveFrom: string;
  effectiveThrough: string | null;
}

export interface ImpactChange {
  effectiveFrom: string;
  effectiveThrough: string | null;
  before: ImpactVersion | null;
  after: ImpactVersion | null;
  beforeScheduled: boolean;
  sameContent: boolean;
  entries: DiffEntry[];
}

/** What publishing a version (mode PUBLISH) or withdrawing a published one (WITHDRAW) would do, day by day. */
export interface VersionImpact {
  versionId: string;
  mode: 'PUBLISH' | 'WITHDRAW';
  today: string;
  before: ImpactSegment[];
  after: ImpactSegment[];
  changes: ImpactChange[];
  changesNothing: boolean;
  repeatsScheduled: ImpactVersion[];
}

const VERSION = 'id number status effectiveFrom effectiveThrough summary demo content';

export async function fetchVersionImpact(id: Identifier): Promise<VersionImpact> {
  const { versionImpact } = await graphql<{ versionImpact: VersionImpact }>(
    `query($id: ID!) { versionImpact(id: $id) {
      versionId mode today changesNothing
      before { versionId number effectiveFrom effectiveThrough }
      after { versionId number effectiveFrom effectiveThrough }
      changes { effectiveFrom effectiveThrough beforeScheduled sameContent before { ${VERSION} } after { ${VERSION} } entries { path kind before after } }
      repeatsScheduled { ${VERSION} } } }`,
    { id },
  );
  return versionImpact;
}

/** Takes a submission back to DRAFT (only its submitter or an author may). */
export async function recallVersion(id: Identifier, reason: string | null): Promise<void> {
  await graphql(`mutation($id: ID!, $reason: String) { recallPolicyVersion(id: $id, reason: $reason) { id status } }`, { id, reason });
}
