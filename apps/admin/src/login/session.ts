import { HTTP_STATUS_OF } from '@policy-cms/contract';
import type { LoginFailure } from './texts';

/**
 * The session as the browser keeps it, and the login call, with nothing of react-admin: the small login screen
 * (LoginScreen.tsx) and the authProvider share this module, so the first screen loads without react-admin.
 */

// Session storage: the token lives as long as the tab and is never shared with other tabs or kept after closing.
export const TOKEN_KEY = 'policy-cms.token';
export const USER_KEY = 'policy-cms.user';

export type Role = 'ADMIN' | 'EDITOR' | 'APPROVER' | 'AUDITOR';
export interface StoredUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** The token's own expiry (its `exp` claim): an expired session goes back to the login page before any request fails. */
export function tokenExpired(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' && payload.exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(USER_KEY);
}

/** Whether this tab holds a token that has not expired; an expired one is forgotten. */
export function hasSession(): boolean {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token && !tokenExpired(token)) return true;
  clearSession();
  return false;
}

/*
 * Why a login failed is a key of the catalogues (LoginFailure, texts.ts), never the server's English message:
 * a limit or lockout (RATE_LIMITED) has its own text; a refusal (wrong name or password) is react-admin's
 * sign-in error; no answer at all, or a server failure, is react-admin's communication error.
 */

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { token user { id username displayName roles } } }`;

/** Logs in over GraphQL and keeps the token and the user in this tab; throws an Error whose message is a LoginFailure. */
export async function logIn(username: string, password: string): Promise<void> {
  const fail = (key: LoginFailure) => new Error(key);
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { username, password } }),
    });
  } catch {
    throw fail('ra.notification.http_error');
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: { login?: { token: string; user: StoredUser } | null } | null;
    errors?: { extensions?: { code?: string } }[];
  };
  const code = body.errors?.[0]?.extensions?.code;
  if (code === 'RATE_LIMITED' || response.status === 429) throw fail('app.auth.rate_limited');
  const login = body.data?.login;
  if (!login) {
    // The status as the data provider reads it: the code's own (the contract's one table, an unknown code 500), else
    // the HTTP status. A refusal (4xx: wrong name or password) or a failure of the server or of the way there (5xx).
    const status = code ? ((HTTP_STATUS_OF as Record<string, number>)[code] ?? 500) : response.status;
    const refused = status < 500;
    throw fail(refused ? 'ra.auth.sign_in_error' : 'ra.notification.http_error');
  }
  storeSession(login.token, login.user);
}

/**
 * Keeps a token and its user in this tab: after a login, and after a change of one's own password, whose answer
 * carries the one token that still works (every earlier one stopped working). Only the fields the app reads are kept.
 */
export function storeSession(token: string, user: StoredUser): void {
  const { id, username, displayName, roles } = user;
  sessionStorage.setItem(TOKEN_KEY, token);
  sessionStorage.setItem(USER_KEY, JSON.stringify({ id, username, displayName, roles } satisfies StoredUser));
}
