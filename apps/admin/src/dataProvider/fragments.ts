/** The fields the UI reads of a version, in every list and form. */
export const VERSION_DETAIL = `
  id policyKey policyKind number status effectiveFrom effectiveThrough content summary demo revision
  createdBy authorIds approvedBy approvedAt approvedHash retroactiveReason publishedAt withdrawnAt createdAt updatedAt retroactive
  policyTitle publicState inEffect { effectiveFrom effectiveThrough } coveredInPart recordedAt inventedContent recordDateAssumed submitterName`;

export const AUDIT_EVENT = `
  id occurredAt actorId actorKind actorName action targetType targetId before after reason clientAddress prevHash hash
  actorDisplayName targetPolicyKey targetPolicyTitle targetVersionNumber targetUserName`;
