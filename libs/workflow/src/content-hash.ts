import { createHash } from 'node:crypto';
import { canonicalJson } from '@policy-cms/canonical-json';

// canonicalJson lives in its own pure lib so that the audit trail can use it without depending on the workflow.
export { NonCanonicalValueError, canonicalJson } from '@policy-cms/canonical-json';

export interface HashedVersionContent {
  content: unknown;
  effectiveFrom: string;
  effectiveThrough: string | null;
}

/** SHA-256 (hex) of the content together with its effective range, so moving the dates also needs a new approval. */
export function contentHash(input: HashedVersionContent): string {
  const { content, effectiveFrom, effectiveThrough } = input;
  return createHash('sha256').update(canonicalJson({ content, effectiveFrom, effectiveThrough }), 'utf8').digest('hex');
}
