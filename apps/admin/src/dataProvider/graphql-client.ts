import { HttpError } from 'react-admin';
import { HTTP_STATUS_OF } from '@policy-cms/contract';
import { formErrorOfServerIssue } from '../kinds/shared/issues';

// Session storage: the token lives as long as the tab and is never shared with other tabs or kept after closing.
export const TOKEN_KEY = 'policy-cms.token';
export const USER_KEY = 'policy-cms.user';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string; issues?: { field: string; message: string; reason?: string; params?: Record<string, string | number> }[] };
}

/** Where react-admin's forms expect the error: `input.content.rows[2].facilityTypes` → `content.rows.2.facilityTypes`. */
export function formPath(field: string): string {
  return field.replace(/^input\./, '').replace(/\[(\d+)\]/g, '.$1').replace(/\[[^\]]*\]/g, '');
}

// The API's own table from code to status (libs/contract), so that the two never disagree.
const statusOf = (code: string): number => (HTTP_STATUS_OF as Record<string, number>)[code] ?? 500;

/**
 * Sends one GraphQL operation with the stored bearer token. A GraphQL error becomes react-admin's HttpError:
 * the status follows `extensions.code`, and field errors go to `body.errors` so forms show them on their fields.
 */
export async function graphql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphQLErrorShape[] };
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? 'INTERNAL';
    const issues = error.extensions?.issues ?? (error.extensions?.field ? [{ field: error.extensions.field, message: error.message }] : []);
    // A content issue keeps its reason and parameters, worded on its field in the chosen language (kinds/shared/issues).
    const errors = Object.fromEntries(issues.map((issue) => [formPath(issue.field), formErrorOfServerIssue(issue)]));
    const reasoned = issues.some((issue) => issue.reason);
    throw new HttpError(error.message, statusOf(code), { code, errors, root: { serverError: reasoned ? 'kinds.form.invalid' : error.message } });
  }
  if (!response.ok || !body.data) throw new HttpError(`HTTP ${response.status}`, response.status);
  return body.data;
}
