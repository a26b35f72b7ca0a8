import type { AuthProvider } from 'react-admin';
import { USER_KEY, clearSession, hasSession, logIn, type Role, type StoredUser } from './login/session';

export type { Role, StoredUser } from './login/session';

export function currentUser(): StoredUser | null {
  const stored = sessionStorage.getItem(USER_KEY);
  return stored ? (JSON.parse(stored) as StoredUser) : null;
}

/** Which roles may do what; the server checks the same on every call (these only decide what is shown). */
export const PERMISSIONS = {
  edit: ['EDITOR', 'ADMIN'],
  review: ['APPROVER', 'ADMIN'],
  audit: ['AUDITOR', 'ADMIN'],
  users: ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export function may(action: keyof typeof PERMISSIONS, user: StoredUser | null = currentUser()): boolean {
  return !!user && user.roles.some((role) => (PERMISSIONS[action] as readonly Role[]).includes(role));
}

export const authProvider: AuthProvider = {
  // The same call and storage as the small login screen (login/session.ts); it throws a catalogue key, never a code.
  async login({ username, password }: { username: string; password: string }) {
    await logIn(username, password);
  },
  async logout() {
    clearSession();
  },
  async checkAuth() {
    if (!hasSession()) throw new Error('not logged in, or the session has expired');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clearSession();
      throw new Error('session ended');
    }
  },
  async getIdentity() {
    const user = currentUser();
    if (!user) throw new Error('not logged in');
    return { id: user.id, fullName: `${user.displayName} (${user.username})` };
  },
  async getPermissions() {
    return currentUser()?.roles ?? [];
  },
};
