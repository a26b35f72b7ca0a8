/** The editorial states of a policy version, as the policy_version_status_known constraint lists them. */
export const VERSION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
