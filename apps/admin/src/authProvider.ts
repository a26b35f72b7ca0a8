import type { AuthProvider } from 'react-admin';
import { TOKEN_KEY, USER_KEY, graphql } from './dataProvider/graphql-client';

export type Role = 'ADMIN' | 'EDITOR' | 'APPROVER' | 'AUDITOR';
export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

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

/** The token's own expiry (its `exp` claim): an expired session goes back to the login page before any request fails. */
function tokenExpired(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' && payload.exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const { login } = await graphql<{ login: { token: string; user: StoredUser } }>(
      `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token user { id username displayName roles } } }`,
      { username, password },
    ).catch((error: unknown) => {
      // The login page shows the error's message as a translation key: a limit gets its own text in the UI's language.
      if ((error as { body?: { code?: string } })?.body?.code === 'RATE_LIMITED') throw new Error('app.auth.rate_limited');
      // Refused (wrong name or password) or no answer at all: react-admin's own words, never the server's English message.
      const status = (error as { status?: number })?.status;
      throw new Error(status !== undefined && status < 500 ? 'ra.auth.sign_in_error' : 'ra.notification.http_error');
    });
    sessionStorage.setItem(TOKEN_KEY, login.token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(login.user));
  },
  async logout() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
  async checkAuth() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token || tokenExpired(token)) {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(USER_KEY);
      throw new Error('not logged in, or the session has expired');
    }
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      sessionStorage.removeItem(USER_KEY);
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
