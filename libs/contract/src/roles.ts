export const ROLES = ['ADMIN', 'EDITOR', 'APPROVER', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

/** The caller as the server knows them, after their bearer token was checked. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}
