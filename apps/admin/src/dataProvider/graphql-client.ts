import { HttpError } from 'react-admin';
import { HTTP_STATUS_OF } from '@policy-cms/contract';
import { TOKEN_KEY } from '../login/session';

// Where the session is kept (login/session.ts, shared with the small login screen).
export { TOKEN_KEY, USER_KEY } from '../login/session';

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

type Issue = NonNullable<NonNullable<GraphQLErrorShape['extensions']>['issues']>[number];

/**
 * Each issue's words on its field. The wording (the kinds' field names and validation texts) loads with the first
 * such error, not with the first screen; if it cannot load, the form still gets its error, without the fields marked.
 */
async function wordedIssues(issues: Issue[]): Promise<Record<string, string>> {
  try {
    const { formErrorOfServerIssue } = await import('../kinds/shared/issues');
    return Object.fromEntries(issues.map((issue) => [formPath(issue.field), formErrorOfServerIssue(issue)]));
  } catch {
    return {};
  }
}

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
    const errors = issues.length ? await wordedIssues(issues) : {};
    const reasoned = issues.some((issue) => issue.reason);
    throw new HttpError(error.message, statusOf(code), { code, errors, root: { serverError: reasoned ? 'kinds.form.invalid' : error.message } });
  }
  if (!response.ok || !body.data) throw new HttpError(`HTTP ${response.status}`, response.status);
  return body.data;
}
